// Package testutil holds the test helpers shared by the workload packages
// (csvwork, jsonwork): running a variant end to end through the driver, and
// the timed loop of the native benchmarks.
package testutil

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xlbench/internal/driver"
)

// WriteRequest writes input to inputName in a fresh temporary directory, and
// beside it req.json holding request(path of the input); it returns the
// request's path.
func WriteRequest(t testing.TB, inputName, input string, request func(inputPath string) string) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, inputName)
	if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "req.json")
	if err := os.WriteFile(p, []byte(request(in)), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Execute runs v on the request file reqPath as its binary would and returns
// the exit code and the parsed output lines.
func Execute(t testing.TB, v driver.Variant, reqPath string) (int, []map[string]any) {
	t.Helper()
	var out bytes.Buffer
	code := driver.Execute(v, []string{"--request", reqPath}, driver.Env{Out: &out, Err: &bytes.Buffer{}, Now: time.Now})
	return code, ParseLines(t, out.String())
}

// ParseLines parses a variant's stdout, one JSON object per line.
func ParseLines(t testing.TB, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		lines = append(lines, m)
	}
	return lines
}

// BenchOp benchmarks op on an input of inputBytes bytes: one untimed run and
// check, then Run in the b.Loop, with throughput and allocations reported.
func BenchOp(b *testing.B, op driver.Op, inputBytes int) {
	b.Helper()
	op.Run()
	if _, err := op.Check(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(inputBytes))
	b.ReportAllocs()
	for b.Loop() {
		op.Run()
	}
}
