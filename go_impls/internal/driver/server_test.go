package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodServerRequest = `{"protocol":1,"workload":"http","mode":"plaintext",
 "input":{"name":"none","path":"","schema":"","bytes":0},
 "params":{},"threads":2,"host":"127.0.0.1","port":0}`

func TestParseServerRequestGood(t *testing.T) {
	r, err := ParseServerRequest([]byte(goodServerRequest))
	if err != nil {
		t.Fatal(err)
	}
	if r.Workload != "http" || r.Threads != 2 || r.Host != "127.0.0.1" || r.Port != 0 || r.Input.Path != "" {
		t.Fatalf("parsed %+v", r)
	}
	r, err = ParseServerRequest([]byte(strings.Replace(goodServerRequest, `"port":0`, `"port":65535`, 1)))
	if err != nil || r.Port != 65535 {
		t.Fatalf("port 65535: %+v, %v", r, err)
	}
}

func TestParseServerRequestBad(t *testing.T) {
	cases := []struct{ old, new, field string }{
		{`,"host":"127.0.0.1"`, ``, `"host": missing`},
		{`"host":"127.0.0.1"`, `"host":""`, `"host": must not be empty`},
		{`"host":"127.0.0.1"`, `"host":1`, `"host": want a string`},
		{`,"port":0`, ``, `"port": missing`},
		{`"port":0`, `"port":-1`, `"port": must be >= 0`},
		{`"port":0`, `"port":65536`, `"port": must be <= 65535`},
		{`"port":0`, `"port":"8080"`, `"port": want an integer`},
		{`"threads":2`, `"threads":0`, `"threads": must be >= 1`},
	}
	for _, c := range cases {
		s := strings.Replace(goodServerRequest, c.old, c.new, 1)
		if s == goodServerRequest {
			t.Fatalf("case %q does not change the request", c.old)
		}
		_, err := ParseServerRequest([]byte(s))
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s -> %s: error %v, want it to mention %s", c.old, c.new, err, c.field)
		}
	}
}

func TestOtherParsersIgnoreHostAndPort(t *testing.T) {
	r, err := ParseSpawnRequest([]byte(strings.Replace(goodServerRequest, `"port":0`, `"port":"not read"`, 1)))
	if err != nil || r.Host != "" || r.Port != 0 {
		t.Fatalf("spawn parser: %+v, %v", r, err)
	}
}

func TestReadServerRequest(t *testing.T) {
	p := filepath.Join(t.TempDir(), "req.json")
	if err := os.WriteFile(p, []byte(goodServerRequest), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadServerRequest(p); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadServerRequest(p + ".missing"); err == nil {
		t.Fatal("missing file: no error")
	}
}
