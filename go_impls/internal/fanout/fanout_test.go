package fanout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xlbench/internal/driver"
)

const gamma = 0x9e3779b97f4a7c15

// mix is splitmix64's output function, written out again for the tests.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// computeClosedForm is an independent formula for Compute: the state after
// r rounds is i + r*gamma, and the result is the mix of it (i when r = 0).
func computeClosedForm(i uint64, rounds int64) uint64 {
	if rounds == 0 {
		return i
	}
	return mix(i + uint64(rounds)*gamma)
}

func wantSum(mode string, n int, rounds int64) int64 {
	if mode != ModeCompute {
		return int64(n) * int64(n-1) / 2
	}
	var s uint64
	for i := range n {
		s += computeClosedForm(uint64(i), rounds)
	}
	return int64(s)
}

func TestComputeReference(t *testing.T) {
	// The first output of splitmix64 seeded with 0 (the reference value of
	// the published C code).
	if got := Compute(0, 1); got != 0xe220a8397b1dcdaf {
		t.Fatalf("Compute(0, 1) = %#x, want 0xe220a8397b1dcdaf", got)
	}
	// Its second output: the state carries through the rounds.
	g, first := uint64(gamma), uint64(0xe220a8397b1dcdaf)
	if got, want := Compute(0, 2), mix(g+g); got != want || got == mix(first+g) {
		t.Fatalf("Compute(0, 2) = %#x, want %#x", got, want)
	}
	for _, i := range []uint64{0, 1, 7, 999, 1 << 63, ^uint64(0)} {
		for _, r := range []int64{0, 1, 2, 200} {
			if got, want := Compute(i, r), computeClosedForm(i, r); got != want {
				t.Errorf("Compute(%d, %d) = %#x, want %#x", i, r, got, want)
			}
		}
	}
}

// The checksums the harness reference gives for the workload's inputs,
// computed by an independent Python script (wrapping sums, signed).
func TestComputeSumsOfInputs(t *testing.T) {
	for n, want := range map[int]int64{1000: -727483557723738254, 10000: -6743059744312145465} {
		if got := wantSum(ModeCompute, n, 200); got != want {
			t.Errorf("n %d: sum %d, want %d", n, got, want)
		}
	}
}

func TestRunChecksums(t *testing.T) {
	p := Params{SleepMS: 1, Rounds: 200}
	for _, lock := range []bool{false, true} {
		for _, mode := range []string{ModeSleep, ModeChannel, ModeCompute, ModeHold} {
			for _, n := range []int{0, 1, 2, 7, 300, 2000} {
				if lock && n > 300 {
					continue // a thread each: keep the test quick
				}
				p.Tasks = n
				o, err := Run(mode, p, lock)
				if err != nil {
					t.Fatal(err)
				}
				if want := wantSum(mode, n, p.Rounds); o.Sum != want {
					t.Errorf("lock %v %s n %d: sum %d, want %d", lock, mode, n, o.Sum, want)
				}
				if o.NS < 0 || o.GoroutinesAtSpawnEnd < 1 || o.ThreadsAtSpawnEnd < 1 {
					t.Errorf("lock %v %s n %d: outcome %+v", lock, mode, n, o)
				}
			}
		}
	}
}

// In hold mode no task can finish before the latch opens, so every task is
// still a live goroutine at the spawn-end reading, and the RSS was read.
func TestHoldKeepsAllAlive(t *testing.T) {
	for _, lock := range []bool{false, true} {
		n := 500
		o, err := Run(ModeHold, Params{Tasks: n}, lock)
		if err != nil {
			t.Fatal(err)
		}
		if o.GoroutinesAtSpawnEnd < n+1 || o.RSSAtSpawnEndKB <= 0 {
			t.Errorf("lock %v: outcome %+v, want >= %d goroutines and an RSS", lock, o, n+1)
		}
		if want := wantSum(ModeHold, n, 0); o.Sum != want {
			t.Errorf("lock %v: sum %d, want %d", lock, o.Sum, want)
		}
	}
}

func TestSleepWaitsForTheSleepers(t *testing.T) {
	o, err := Run(ModeSleep, Params{Tasks: 50, SleepMS: 20}, false)
	if err != nil {
		t.Fatal(err)
	}
	if o.NS < int64(20*time.Millisecond) {
		t.Fatalf("took %d ns, less than one sleep", o.NS)
	}
}

func TestRunUnknownMode(t *testing.T) {
	if _, err := Run("spin", Params{Tasks: 1}, false); err == nil || !strings.Contains(err.Error(), `"spin"`) {
		t.Fatalf("got %v", err)
	}
}

func TestParseParams(t *testing.T) {
	p, err := ParseParams(map[string]any{"tasks": json.Number("10000"), "sleep_ms": json.Number("10"), "rounds": json.Number("0")})
	if err != nil || p != (Params{Tasks: 10000, SleepMS: 10, Rounds: 0}) {
		t.Fatalf("got %+v, %v", p, err)
	}
	good := func() map[string]any {
		return map[string]any{"tasks": json.Number("1"), "sleep_ms": json.Number("1"), "rounds": json.Number("1")}
	}
	cases := []struct {
		key   string
		value any // nil: delete the key
		msg   string
	}{
		{"tasks", nil, "params.tasks: missing"},
		{"sleep_ms", nil, "params.sleep_ms: missing"},
		{"rounds", nil, "params.rounds: missing"},
		{"tasks", json.Number("-1"), "params.tasks: must be >= 0"},
		{"tasks", json.Number("1.5"), "params.tasks: want a non-negative integer, got 1.5"},
		{"tasks", json.Number("3000000000"), "params.tasks: 3000000000 is more than"},
		{"sleep_ms", "10", "params.sleep_ms: want a non-negative integer"},
		{"rounds", true, "params.rounds: want a non-negative integer"},
	}
	for _, c := range cases {
		m := good()
		if c.value == nil {
			delete(m, c.key)
		} else {
			m[c.key] = c.value
		}
		if _, err := ParseParams(m); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s=%v: error %v, want %q", c.key, c.value, err, c.msg)
		}
	}
}

func TestParseStatus(t *testing.T) {
	text := "Name:\tx\nVmHWM:\t    5120 kB\nVmRSS:\t    4096 kB\nThreads:\t7\nSigQ:\t0/1\n"
	s, err := ParseStatus([]byte(text))
	if err != nil || s != (Status{VmRSSKB: 4096, VmHWMKB: 5120, Threads: 7}) {
		t.Fatalf("got %+v, %v", s, err)
	}
	if _, err := ParseStatus([]byte("VmRSS:\t1 kB\nThreads:\t1\n")); err == nil {
		t.Error("missing VmHWM: no error")
	}
	if _, err := ParseStatus([]byte("VmRSS:\tx kB\nVmHWM:\t1 kB\nThreads:\t1\n")); err == nil {
		t.Error("bad VmRSS: no error")
	}
	if s, err := ReadStatus(); err != nil || s.VmRSSKB <= 0 || s.VmHWMKB < s.VmRSSKB || s.Threads < 1 {
		t.Fatalf("own status %+v, %v", s, err)
	}
}

func request(mode string, tasks int, workload string) string {
	return fmt.Sprintf(`{"protocol":1,"workload":%q,"mode":%q,
 "input":{"name":"n%d","path":"","schema":"","bytes":0},
 "params":{"tasks":%d,"sleep_ms":1,"rounds":200},
 "warmup_ms":0,"samples":1,"min_sample_ms":1,"threads":1}`, workload, mode, tasks, tasks)
}

// execute runs a variant end to end through the driver as its binary would.
func execute(t *testing.T, lock bool, req string) (int, []map[string]any) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "req.json")
	if err := os.WriteFile(p, []byte(req), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	v := driver.SpawnVariant{Name: "goroutines", Library: "runtime", Run: Spawn(lock)}
	code := driver.ExecuteSpawn(v, []string{"--request", p}, driver.Env{Out: &out, Err: &bytes.Buffer{}, Now: time.Now})
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var m map[string]any
		dec := json.NewDecoder(strings.NewReader(l))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		lines = append(lines, m)
	}
	return code, lines
}

func TestSpawnEndToEnd(t *testing.T) {
	for _, lock := range []bool{false, true} {
		for _, mode := range []string{ModeSleep, ModeChannel, ModeCompute, ModeHold} {
			for _, n := range []int{0, 1000} {
				code, lines := execute(t, lock, request(mode, n, "fanout"))
				if code != 0 || len(lines) != 2 || lines[0]["type"] != "hello" || lines[1]["type"] != "result" {
					t.Fatalf("lock %v %s n %d: code %d lines %v", lock, mode, n, code, lines)
				}
				if lines[0]["threads"] != json.Number("1") {
					t.Errorf("hello threads %v", lines[0]["threads"])
				}
				sum := lines[1]["checksum"].(map[string]any)
				want := map[string]any{"tasks": json.Number(fmt.Sprint(n)), "sum": json.Number(fmt.Sprint(wantSum(mode, n, 200)))}
				if fmt.Sprint(sum) != fmt.Sprint(want) {
					t.Errorf("lock %v %s n %d: checksum %v, want %v", lock, mode, n, sum, want)
				}
				facts := lines[1]["facts"].(map[string]any)
				for _, k := range []string{"rss_before_kb", "rss_after_kb", "peak_rss_self_kb", "num_threads", "gc_cycles", "goroutines_at_spawn_end", "gomaxprocs"} {
					if _, ok := facts[k]; !ok {
						t.Errorf("facts lack %q: %v", k, facts)
					}
				}
				rss, ok := facts["rss_all_alive_kb"]
				if (mode == ModeHold) != ok {
					t.Errorf("lock %v %s n %d: rss_all_alive_kb %v (present %v)", lock, mode, n, rss, ok)
				}
				if ok {
					if v, err := rss.(json.Number).Int64(); err != nil || v <= 0 {
						t.Errorf("lock %v hold n %d: rss_all_alive_kb %v", lock, n, rss)
					}
				}
			}
		}
	}
}

func TestSpawnRejects(t *testing.T) {
	cases := map[string]string{
		request("sleep", 1, "json"):  `workload \"json\"`,
		request("spin", 1, "fanout"): `unknown mode \"spin\"`,
		strings.Replace(request("sleep", 1, "fanout"), `"rounds":200`, `"rounds":-2`, 1): "params.rounds: must be >= 0",
	}
	for req, msg := range cases {
		code, lines := execute(t, false, req)
		last := lines[len(lines)-1]
		if code != 1 || last["type"] != "error" || !strings.Contains(fmt.Sprint(last["message"]), strings.ReplaceAll(msg, `\"`, `"`)) {
			t.Errorf("code %d lines %v, want an error about %s", code, lines, msg)
		}
	}
}
