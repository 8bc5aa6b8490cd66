package wordfreq_test

import (
	"fmt"
	"strings"
	"testing"

	"xlbench/internal/driver"
	"xlbench/internal/testutil"
	"xlbench/internal/wordfreq"
)

type request struct{ workload, mode, params string }

const tinyParams = `{"seed":7,"words":30,"vocabulary":10}`

// writeRequest writes a protocol request for a parameter point. The batch
// driver wants a non-empty input.path, so the request names an empty file;
// the setup reads neither path nor bytes.
func writeRequest(t *testing.T, r request) string {
	t.Helper()
	return testutil.WriteRequest(t, "none", "", func(in string) string {
		return fmt.Sprintf(`{"protocol":1,"workload":%q,"mode":%q,
		"input":{"name":"t","path":%q,"schema":"text","bytes":0},"params":%s,
		"warmup_ms":5,"samples":2,"min_sample_ms":1,"threads":1}`, r.workload, r.mode, in, r.params)
	})
}

func execute(t *testing.T, count wordfreq.Count, reqPath string) (int, []map[string]any) {
	t.Helper()
	return testutil.Execute(t, driver.Variant{Name: "test", Library: "test", Setup: wordfreq.Setup(count)}, reqPath)
}

func TestSetupEndToEnd(t *testing.T) {
	for _, c := range counts {
		code, lines := execute(t, c.count, writeRequest(t, request{"wordfreq", "count", tinyParams}))
		if code != 0 || len(lines) != 6 {
			t.Fatalf("%s: code %d lines %v", c.name, code, lines)
		}
		sum := lines[1]["checksum"].(map[string]any)
		want := map[string]float64{"words": 30, "distinct": 9, "max_count": 10, "letters": 215, "fingerprint": 43752778296}
		if len(sum) != len(want) {
			t.Errorf("%s: checksum %v, want the keys of %v", c.name, sum, want)
		}
		for k, v := range want {
			if sum[k] != v {
				t.Errorf("%s: checksum %s = %v, want %v", c.name, k, sum[k], v)
			}
		}
	}
}

func TestSetupErrors(t *testing.T) {
	cases := []struct {
		r    request
		want string
	}{
		{request{"csv", "count", tinyParams}, `runs only "wordfreq"`},
		{request{"wordfreq", "memory", tinyParams}, "unknown mode"},
		{request{"wordfreq", "count", `{"words":30,"vocabulary":10}`}, "params.seed: missing"},
		{request{"wordfreq", "count", `{"seed":7,"words":-1,"vocabulary":10}`}, "params.words: must be in"},
		{request{"wordfreq", "count", `{"seed":7,"words":30,"vocabulary":0}`}, "params.vocabulary: must be in"},
		{request{"wordfreq", "count", `{"seed":7,"words":1.5,"vocabulary":10}`}, "params.words: want an integer"},
		{request{"wordfreq", "count", `{"seed":7,"words":4294967296,"vocabulary":10}`}, "params.words: must be in"},
		{request{"wordfreq", "count", `{"seed":"7","words":30,"vocabulary":10}`}, "params.seed: want an integer"},
	}
	for _, c := range cases {
		code, lines := execute(t, wordfreq.CountBuiltinMap, writeRequest(t, c.r))
		last := lines[len(lines)-1]
		if code != 1 || last["type"] != "error" || !strings.Contains(last["message"].(string), c.want) {
			t.Errorf("%v: want error containing %q, got code %d, %v", c.r, c.want, code, last)
		}
	}
}
