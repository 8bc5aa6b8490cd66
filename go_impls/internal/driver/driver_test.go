package driver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fakeOp advances a virtual clock by cost per Run, so the driver's timing
// logic can be checked exactly.
type fakeOp struct {
	clock    *fakeClock
	cost     time.Duration
	runs     int
	checkErr error
	drift    bool // checksum changes after the first check
}

func (o *fakeOp) Run() { o.runs++; o.clock.t += o.cost }

func (o *fakeOp) Check() (map[string]int64, error) {
	if o.checkErr != nil {
		return nil, o.checkErr
	}
	if o.drift && o.runs > 1 {
		return map[string]int64{"runs": int64(o.runs)}, nil
	}
	return map[string]int64{"objects": 3, "key_bytes": 12}, nil
}

type fakeClock struct{ t time.Duration }

var epoch = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func (c *fakeClock) now() time.Time { return epoch.Add(c.t) }

func testVariant(op *fakeOp) Variant {
	return Variant{
		Name: "fake", Library: "fake/lib", LibraryVersion: "v0.0.1", Backend: "fake backend",
		Setup: func(Request) (Op, error) { return op, nil },
	}
}

func testRequest() Request {
	return Request{Protocol: 1, Workload: "json", Mode: "dom", Input: Input{Path: "/x"},
		WarmupMS: 10, Samples: 3, MinSampleMS: 5, Threads: 1}
}

func runFake(t *testing.T, op *fakeOp, req Request) ([]string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Run(testVariant(op), req, Env{Out: &out, Err: &bytes.Buffer{}, Now: op.clock.now})
	return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"), err
}

func TestRunOutputLines(t *testing.T) {
	clock := &fakeClock{}
	op := &fakeOp{clock: clock, cost: 3 * time.Millisecond}
	lines, err := runFake(t, op, testRequest())
	if err != nil {
		t.Fatal(err)
	}
	// Warm-up: 3 ms ops never double the batch; 4 ops reach 10 ms.
	// Batch: ceil(5 ms / 3 ms) = 2.
	want := []string{
		`{"type":"hello","protocol":1,"language":"go","variant":"fake","library":"fake/lib","library_version":"v0.0.1","backend":"fake backend","runtime":"` + runtime.Version() + `"}`,
		`{"type":"check","checksum":{"key_bytes":12,"objects":3}}`,
		`{"type":"warmup","ops":4,"ns":12000000,"batch":2}`,
		`{"type":"sample","index":0,"ops":2,"ns":6000000}`,
		`{"type":"sample","index":1,"ops":2,"ns":6000000}`,
		`{"type":"sample","index":2,"ops":2,"ns":6000000}`,
	}
	if len(lines) != len(want)+1 {
		t.Fatalf("got %d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], w)
		}
	}
	var done struct {
		Type  string
		Facts map[string]any
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &done); err != nil || done.Type != "done" {
		t.Fatalf("done line %q: %v", lines[len(lines)-1], err)
	}
	for _, k := range []string{"gc_cycles", "gc_pause_total_ns", "total_alloc_bytes", "gogc"} {
		if _, ok := done.Facts[k]; !ok {
			t.Errorf("done facts lack %q: %v", k, done.Facts)
		}
	}
	if op.runs != 1+4+3*2 {
		t.Errorf("ran %d ops, want 11", op.runs)
	}
}

func TestWarmupDoublesBatchAndStops(t *testing.T) {
	clock := &fakeClock{}
	op := &fakeOp{clock: clock, cost: time.Microsecond}
	ops, ns := warmup(op.Run, clock.now, int64(10*time.Millisecond))
	if ns != ops*int64(time.Microsecond) || ns < int64(10*time.Millisecond) {
		t.Fatalf("ops %d ns %d", ops, ns)
	}
	// 1+2+...+1024 (the first batch of >= 1 ms), then 1024-op batches.
	if (ops-2047)%1024 != 0 || ns > int64(12*time.Millisecond) {
		t.Fatalf("unexpected batch sequence: ops %d ns %d", ops, ns)
	}
}

func TestWarmupZeroRunsOnce(t *testing.T) {
	clock := &fakeClock{}
	op := &fakeOp{clock: clock, cost: time.Second}
	if ops, ns := warmup(op.Run, clock.now, 0); ops != 1 || ns != int64(time.Second) {
		t.Fatalf("ops %d ns %d", ops, ns)
	}
}

func TestBatchSize(t *testing.T) {
	cases := []struct{ minMS, ops, ns, want int64 }{
		{50, 14, 201463494, 4},                      // ceil(3.47)
		{50, 10, 100_000_000, 5},                    // exact: no rounding up
		{5, 4, 12_000_000, 2},                       // ceil(1.67)
		{1, 1, 5_000_000_000, 1},                    // op longer than a sample
		{50, 1 << 40, 1, 1 << 62},                   // absurd: capped, no overflow
		{1000, 3_000_000, 1_000_000_000, 3_000_000}, // 333 ns ops
		{50, 7, 0, 350_000_000},                     // clock saw nothing: ns taken as 1
	}
	for _, c := range cases {
		if got := BatchSize(c.minMS, c.ops, c.ns); got != c.want {
			t.Errorf("BatchSize(%d, %d, %d) = %d, want %d", c.minMS, c.ops, c.ns, got, c.want)
		}
	}
}

func TestRunErrors(t *testing.T) {
	clock := &fakeClock{}
	lines, err := runFake(t, &fakeOp{clock: clock, cost: time.Millisecond, checkErr: errors.New("bad parse")}, testRequest())
	if err == nil || !strings.Contains(err.Error(), "bad parse") || len(lines) != 1 {
		t.Errorf("check error: %v, lines %q", err, lines)
	}
	_, err = runFake(t, &fakeOp{clock: clock, cost: time.Millisecond, drift: true}, testRequest())
	if err == nil || !strings.Contains(err.Error(), "checksum changed") {
		t.Errorf("drift: %v", err)
	}
	v := testVariant(nil)
	v.Setup = func(Request) (Op, error) { return nil, errors.New("no input") }
	err = Run(v, testRequest(), Env{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, Now: clock.now})
	if err == nil || !strings.Contains(err.Error(), "setup: no input") {
		t.Errorf("setup: %v", err)
	}
}

func TestExecuteErrorLine(t *testing.T) {
	var out, errOut bytes.Buffer
	env := Env{Out: &out, Err: &errOut, Now: time.Now}
	if code := Execute(testVariant(nil), []string{"--request", filepath.Join(t.TempDir(), "none.json")}, env); code != 1 {
		t.Fatalf("exit code %d", code)
	}
	var line struct{ Type, Message string }
	if err := json.Unmarshal(out.Bytes(), &line); err != nil || line.Type != "error" || !strings.Contains(line.Message, "reading request") {
		t.Fatalf("output %q (%v)", out.String(), err)
	}
	if strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("want exactly one line, got %q", out.String())
	}
}

type panicOp struct{}

func (panicOp) Run()                             { panic("boom") }
func (panicOp) Check() (map[string]int64, error) { return nil, nil }

func TestExecutePanicBecomesErrorLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "req.json")
	if err := os.WriteFile(p, []byte(goodRequest), 0o644); err != nil {
		t.Fatal(err)
	}
	v := testVariant(nil)
	v.Setup = func(Request) (Op, error) { return panicOp{}, nil }
	var out, errOut bytes.Buffer
	code := Execute(v, []string{"--request", p}, Env{Out: &out, Err: &errOut, Now: time.Now})
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if code != 1 || len(lines) != 2 || !strings.Contains(lines[1], `"message":"panic: boom"`) {
		t.Fatalf("code %d output %q", code, out.String())
	}
}

func TestExecuteGood(t *testing.T) {
	p := filepath.Join(t.TempDir(), "req.json")
	req := strings.Replace(goodRequest, `"warmup_ms":200`, `"warmup_ms":1`, 1)
	req = strings.Replace(req, `"min_sample_ms":50`, `"min_sample_ms":1`, 1)
	if err := os.WriteFile(p, []byte(req), 0o644); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{}
	var out bytes.Buffer
	code := Execute(testVariant(&fakeOp{clock: clock, cost: time.Millisecond}), []string{"--request", p},
		Env{Out: &out, Err: &bytes.Buffer{}, Now: clock.now})
	types := []string{}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		types = append(types, fmt.Sprint(m["type"]))
	}
	if code != 0 || strings.Join(types, ",") != "hello,check,warmup,sample,sample,sample,sample,sample,done" {
		t.Fatalf("code %d types %v", code, types)
	}
}

func TestModuleVersion(t *testing.T) {
	if ModuleVersion("") != runtime.Version() {
		t.Fatal("stdlib version")
	}
	if v := ModuleVersion("example.com/not/linked"); v != "unknown" {
		t.Fatalf("got %q", v)
	}
}
