package holding

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xlbench/internal/driver"
	"xlbench/internal/testutil"
)

const fixtureDir = "../../../workloads/holding/fixtures"

// expected reads the fixture's hand-computed answer, shared with the C++
// reference test and the Rust tests.
func expected(t *testing.T) map[string]int64 {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir, "small.expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]int64
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	return want
}

func TestFixtureChecksum(t *testing.T) {
	f, err := os.Open(filepath.Join(fixtureDir, "small.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	got, want := Checksum(docs), expected(t)
	if len(got) != len(want) {
		t.Errorf("keys: got %d, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d", k, got[k], v)
		}
	}
	// Decoded strings are unescaped UTF-8: the emoji escape is 4 bytes.
	if a := docs[1].Metadata.Annotations["rocket"]; a != "\U0001F680" {
		t.Errorf("rocket annotation %q", a)
	}
}

func TestEmptyInputHoldsNothing(t *testing.T) {
	docs, err := Load(strings.NewReader("\n \n"))
	if err != nil || len(docs) != 0 {
		t.Fatalf("docs %d, err %v", len(docs), err)
	}
	for k, v := range Checksum(docs) {
		if v != 0 {
			t.Errorf("%s = %d, want 0", k, v)
		}
	}
}

func TestLoadNamesTheBadLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{}\nnull\n", "line 2: not a JSON object"},
		{"{}\n\n{\"metadata\":\n", "line 3:"},
		{"{\"spec\":{\"replicas\":\"two\"}}\n", "line 1:"},
	} {
		_, err := Load(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%q): error %v, want %q", tc.in, err, tc.want)
		}
	}
}

func runRequest(t *testing.T, workload, mode, path string) (int, []map[string]any) {
	t.Helper()
	req := map[string]any{
		"protocol": 1, "workload": workload, "mode": mode, "threads": 1, "params": map[string]any{},
		"input": map[string]any{"name": "fixture", "path": path, "schema": "k8s", "bytes": 0},
	}
	data, _ := json.Marshal(req)
	p := filepath.Join(t.TempDir(), "req.json")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	v := driver.SpawnVariant{Name: "structs", Library: "encoding/json", Run: Run}
	code := driver.ExecuteSpawn(v, []string{"--request", p}, driver.Env{Out: &out, Err: &bytes.Buffer{}, Now: time.Now})
	return code, testutil.ParseLines(t, out.String())
}

func TestRunSpeaksTheSpawnProtocol(t *testing.T) {
	abs, err := filepath.Abs(filepath.Join(fixtureDir, "small.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	code, lines := runRequest(t, "holding", "typed", abs)
	if code != 0 || len(lines) != 2 || lines[0]["type"] != "hello" || lines[1]["type"] != "result" {
		t.Fatalf("exit %d, lines %v", code, lines)
	}
	res := lines[1]
	sum := res["checksum"].(map[string]any)
	for k, v := range expected(t) {
		if sum[k] != float64(v) {
			t.Errorf("checksum %s = %v, want %d", k, sum[k], v)
		}
	}
	facts := res["facts"].(map[string]any)
	if facts["held_resources"] != float64(3) {
		t.Errorf("held_resources %v", facts["held_resources"])
	}
	for _, k := range []string{"rss_before_kb", "rss_after_kb", "rss_after_free_os_kb", "peak_rss_self_kb", "heap_inuse_bytes"} {
		if v, ok := facts[k].(float64); !ok || v <= 0 {
			t.Errorf("fact %s = %v, want > 0", k, facts[k])
		}
	}
	if ns, ok := res["ns"].(float64); !ok || ns <= 0 {
		t.Errorf("ns %v", res["ns"])
	}
}

func TestRunRejectsOtherRequests(t *testing.T) {
	for _, tc := range []struct{ workload, mode, path, want string }{
		{"fanout", "typed", "/x", "only \"holding\""},
		{"holding", "dom", "/x", "unknown mode"},
		{"holding", "typed", "", "input.path is empty"},
		{"holding", "typed", "/nonexistent/docs.jsonl", "no such file"},
	} {
		code, lines := runRequest(t, tc.workload, tc.mode, tc.path)
		last := lines[len(lines)-1]
		if code == 0 || last["type"] != "error" || !strings.Contains(last["message"].(string), tc.want) {
			t.Errorf("%+v: exit %d, lines %v", tc, code, lines)
		}
	}
}
