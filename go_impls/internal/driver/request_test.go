package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodRequest = `{"protocol":1,"workload":"json","mode":"typed",
 "input":{"name":"twitter","path":"/data/twitter.json","schema":"twitter","bytes":631514},
 "params":{"k":"v"},"warmup_ms":200,"samples":5,"min_sample_ms":50,"threads":1,
 "future_field":[1,2]}`

func TestParseRequestGood(t *testing.T) {
	r, err := ParseRequest([]byte(goodRequest))
	if err != nil {
		t.Fatal(err)
	}
	want := Input{Name: "twitter", Path: "/data/twitter.json", Schema: "twitter", Bytes: 631514}
	if r.Protocol != 1 || r.Workload != "json" || r.Mode != "typed" || r.Input != want ||
		r.WarmupMS != 200 || r.Samples != 5 || r.MinSampleMS != 50 || r.Threads != 1 {
		t.Fatalf("parsed %+v", r)
	}
	if r.Params["k"] != "v" {
		t.Fatalf("params %v", r.Params)
	}
}

func TestParseRequestEmptyParamsAndZeroWarmup(t *testing.T) {
	s := strings.Replace(goodRequest, `{"k":"v"}`, `{}`, 1)
	s = strings.Replace(s, `"warmup_ms":200`, `"warmup_ms":0`, 1)
	r, err := ParseRequest([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	if r.WarmupMS != 0 || len(r.Params) != 0 {
		t.Fatalf("parsed %+v", r)
	}
}

func TestParseRequestBad(t *testing.T) {
	cases := []struct{ old, new, field string }{
		{`"protocol":1,`, ``, `"protocol": missing`},
		{`"protocol":1`, `"protocol":2`, `"protocol": unsupported`},
		{`"workload":"json"`, `"workload":7`, `"workload": want a string`},
		{`"mode":"typed",`, ``, `"mode": missing`},
		{`"path":"/data/twitter.json",`, ``, `"input.path": missing`},
		{`"path":"/data/twitter.json"`, `"path":""`, `"input.path": must not be empty`},
		{`"bytes":631514`, `"bytes":"631514"`, `"input.bytes": want an integer`},
		{`"input":{"name":"twitter","path":"/data/twitter.json","schema":"twitter","bytes":631514}`, `"input":"x"`, `"input": want an object, got a string`},
		{`"params":{"k":"v"}`, `"params":null`, `"params": want an object`},
		{`"warmup_ms":200`, `"warmup_ms":-1`, `"warmup_ms": must be >= 0`},
		{`"samples":5`, `"samples":0`, `"samples": must be >= 1`},
		{`"samples":5`, `"samples":2.5`, `"samples": want an integer, got 2.5`},
		{`"min_sample_ms":50`, `"min_sample_ms":0`, `"min_sample_ms": must be >= 1`},
		{`"threads":1`, `"threads":true`, `"threads": want an integer, got a bool`},
		{`"threads":1`, `"threads":99999999999999999999`, `"threads": want an integer`},
	}
	for _, c := range cases {
		s := strings.Replace(goodRequest, c.old, c.new, 1)
		if s == goodRequest {
			t.Fatalf("case %q does not change the request", c.old)
		}
		_, err := ParseRequest([]byte(s))
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s -> %s: error %v, want it to mention %s", c.old, c.new, err, c.field)
		}
	}
}

func TestParseRequestNotAnObject(t *testing.T) {
	for _, s := range []string{``, `[]`, `{"protocol":1`, `{} {}`} {
		if _, err := ParseRequest([]byte(s)); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}

func TestReadRequest(t *testing.T) {
	p := filepath.Join(t.TempDir(), "req.json")
	if err := os.WriteFile(p, []byte(goodRequest), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRequest(p); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRequest(p + ".missing"); err == nil {
		t.Fatal("missing file: no error")
	}
}

func TestRequestPath(t *testing.T) {
	if p, err := requestPath([]string{"--request", "r.json"}); err != nil || p != "r.json" {
		t.Fatalf("got %q, %v", p, err)
	}
	for _, args := range [][]string{nil, {"--request"}, {"--request=r.json"}, {"r.json"}, {"--request", "r.json", "x"}, {"-request", "r.json"}} {
		if _, err := requestPath(args); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
