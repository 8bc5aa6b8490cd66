package driver

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

const goodSpawnRequest = `{"protocol":1,"workload":"fanout","mode":"sleep",
 "input":{"name":"n10k","path":"","schema":"","bytes":0},
 "params":{"tasks":10000,"sleep_ms":10,"rounds":200},"threads":1}`

func spawnVariant(run func(Request) (SpawnResult, error)) SpawnVariant {
	return SpawnVariant{Name: "fake", Library: "fake/lib", LibraryVersion: "v0.0.1", Backend: "fake backend", Run: run}
}

func fixedRun(req Request) (SpawnResult, error) {
	return SpawnResult{
		Checksum: map[string]int64{"tasks": 3, "sum": -3},
		NS:       12345,
		Facts:    map[string]any{"rss_before_kb": int64(100), "mode": req.Mode},
	}, nil
}

func executeSpawnText(t *testing.T, v SpawnVariant, request string) (int, []string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "req.json")
	if err := os.WriteFile(p, []byte(request), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := ExecuteSpawn(v, []string{"--request", p}, Env{Out: &out, Err: &errOut, Now: time.Now})
	return code, strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
}

func TestRunSpawnLines(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	req, err := ParseSpawnRequest([]byte(strings.Replace(goodSpawnRequest, `"threads":1`, `"threads":2`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := RunSpawn(spawnVariant(fixedRun), req, Env{Out: &out, Err: &bytes.Buffer{}}); err != nil {
		t.Fatal(err)
	}
	want := `{"type":"hello","protocol":1,"language":"go","variant":"fake","library":"fake/lib","library_version":"v0.0.1","backend":"fake backend","runtime":"` + runtime.Version() + `","threads":2}` + "\n" +
		`{"type":"result","checksum":{"sum":-3,"tasks":3},"ns":12345,"facts":{"mode":"sleep","rss_before_kb":100}}` + "\n"
	if out.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", out.String(), want)
	}
	if runtime.GOMAXPROCS(0) != 2 {
		t.Fatalf("GOMAXPROCS %d, want 2", runtime.GOMAXPROCS(0))
	}
}

func TestRunSpawnNilFactsIsObject(t *testing.T) {
	run := func(Request) (SpawnResult, error) {
		return SpawnResult{Checksum: map[string]int64{"tasks": 0, "sum": 0}}, nil
	}
	code, lines := executeSpawnText(t, spawnVariant(run), goodSpawnRequest)
	if code != 0 || len(lines) != 2 || lines[1] != `{"type":"result","checksum":{"sum":0,"tasks":0},"ns":0,"facts":{}}` {
		t.Fatalf("code %d lines %q", code, lines)
	}
}

func TestExecuteSpawnGood(t *testing.T) {
	var got Request
	run := func(r Request) (SpawnResult, error) { got = r; return fixedRun(r) }
	code, lines := executeSpawnText(t, spawnVariant(run), goodSpawnRequest)
	if code != 0 || len(lines) != 2 {
		t.Fatalf("code %d lines %q", code, lines)
	}
	var hello map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &hello); err != nil || hello["type"] != "hello" || hello["threads"] != 1.0 {
		t.Fatalf("hello %q (%v)", lines[0], err)
	}
	if got.Workload != "fanout" || got.Mode != "sleep" || got.Input != (Input{Name: "n10k"}) || got.Threads != 1 ||
		got.Params["tasks"] != json.Number("10000") {
		t.Fatalf("request %+v", got)
	}
}

func TestExecuteSpawnIgnoresBatchFields(t *testing.T) {
	// The harness sends the batch fields too; they do not apply, even when
	// they would be invalid for batch.
	s := strings.Replace(goodSpawnRequest, `"threads":1`, `"threads":1,"warmup_ms":0,"samples":0,"min_sample_ms":0`, 1)
	if code, lines := executeSpawnText(t, spawnVariant(fixedRun), s); code != 0 {
		t.Fatalf("code %d lines %q", code, lines)
	}
}

func TestParseSpawnRequestBad(t *testing.T) {
	cases := []struct{ old, new, field string }{
		{`"protocol":1,`, ``, `"protocol": missing`},
		{`"workload":"fanout",`, ``, `"workload": missing`},
		{`"mode":"sleep"`, `"mode":1`, `"mode": want a string`},
		{`"path":"",`, ``, `"input.path": missing`},
		{`"bytes":0`, `"bytes":-1`, `"input.bytes": must be >= 0`},
		{`"params":{"tasks":10000,"sleep_ms":10,"rounds":200}`, `"params":[]`, `"params": want an object`},
		{`,"threads":1`, ``, `"threads": missing`},
		{`"threads":1`, `"threads":0`, `"threads": must be >= 1`},
		{`"threads":1`, `"threads":1.5`, `"threads": want an integer`},
	}
	for _, c := range cases {
		s := strings.Replace(goodSpawnRequest, c.old, c.new, 1)
		if s == goodSpawnRequest {
			t.Fatalf("case %q does not change the request", c.old)
		}
		_, err := ParseSpawnRequest([]byte(s))
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s -> %s: error %v, want it to mention %s", c.old, c.new, err, c.field)
		}
	}
	// The batch parser still insists on a path and the batch fields.
	if _, err := ParseRequest([]byte(goodSpawnRequest)); err == nil {
		t.Error("batch parser accepted a spawn request without warmup_ms")
	}
}

func TestExecuteSpawnErrors(t *testing.T) {
	boom := func(Request) (SpawnResult, error) { return SpawnResult{}, errors.New("no threads left") }
	panics := func(Request) (SpawnResult, error) { panic("kaboom") }
	noSum := func(Request) (SpawnResult, error) { return SpawnResult{NS: 1}, nil }
	negative := func(Request) (SpawnResult, error) { return SpawnResult{Checksum: map[string]int64{}, NS: -1}, nil }
	cases := []struct {
		run     func(Request) (SpawnResult, error)
		request string
		lines   int // hello printed before the failure or not
		message string
	}{
		{fixedRun, `{"protocol":1}`, 1, `request field \"workload\": missing`},
		{fixedRun, `not json`, 1, "request is not valid JSON"},
		{boom, goodSpawnRequest, 2, "no threads left"},
		{panics, goodSpawnRequest, 2, "panic: kaboom"},
		{noSum, goodSpawnRequest, 2, "no checksum"},
		{negative, goodSpawnRequest, 2, "negative time"},
	}
	for _, c := range cases {
		code, lines := executeSpawnText(t, spawnVariant(c.run), c.request)
		last := lines[len(lines)-1]
		if code != 1 || len(lines) != c.lines || !strings.HasPrefix(last, `{"type":"error","message":`) || !strings.Contains(last, c.message) {
			t.Errorf("%s: code %d lines %q, want %d lines ending in an error about %s", c.request, code, lines, c.lines, c.message)
		}
	}
	var out bytes.Buffer
	if code := ExecuteSpawn(spawnVariant(fixedRun), []string{"--request"}, Env{Out: &out, Err: &bytes.Buffer{}}); code != 1 ||
		!strings.Contains(out.String(), "usage") {
		t.Errorf("bad arguments: code %d output %q", code, out.String())
	}
}
