package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"xlbench/internal/driver"
)

// run is one in-process Execute with its output read line by line.
type run struct {
	lines chan string
	stop  chan os.Signal
	code  chan int
}

func start(t *testing.T, v Variant, request string, grace time.Duration) *run {
	t.Helper()
	prev := runtime.GOMAXPROCS(0) // Execute sets it from the request
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
	p := filepath.Join(t.TempDir(), "req.json")
	if err := os.WriteFile(p, []byte(request), 0o644); err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	r := &run{lines: make(chan string, 8), stop: make(chan os.Signal, 1), code: make(chan int, 1)}
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			r.lines <- sc.Text()
		}
		close(r.lines)
	}()
	go func() {
		r.code <- Execute(v, []string{"--request", p}, Env{Out: pw, Err: io.Discard, Stop: r.stop, Grace: grace})
		pw.Close()
	}()
	return r
}

func (r *run) line(t *testing.T, typ string) map[string]any {
	t.Helper()
	select {
	case line, ok := <-r.lines:
		var obj map[string]any
		if !ok || json.Unmarshal([]byte(line), &obj) != nil || obj["type"] != typ {
			t.Fatalf("line %q (open %v), want a %s line", line, ok, typ)
		}
		return obj
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s line", typ)
	}
	return nil
}

func (r *run) exit(t *testing.T) int {
	t.Helper()
	select {
	case c := <-r.code:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("Execute did not return")
	}
	return 0
}

func request(port int) string {
	return fmt.Sprintf(`{"protocol":1,"workload":"http","mode":"plaintext",
 "input":{"name":"none","path":"","schema":"","bytes":0},"params":{},"threads":1,
 "host":"127.0.0.1","port":%d}`, port)
}

func netHTTP(h http.HandlerFunc) Variant {
	return Variant{Name: "fake", Framework: "net/http", Library: "net/http", Backend: "test handler",
		New: func(driver.Request) (Server, error) { return &http.Server{Handler: h}, nil }}
}

func TestHelloAndReady(t *testing.T) {
	r := start(t, netHTTP(func(w http.ResponseWriter, _ *http.Request) {}), request(0), 0)
	hello := r.line(t, "hello")
	want := map[string]any{"type": "hello", "protocol": 1.0, "language": "go", "variant": "fake",
		"library": "net/http", "library_version": runtime.Version(), "backend": "test handler",
		"runtime": runtime.Version(), "threads": 1.0, "framework": "net/http " + runtime.Version()}
	if fmt.Sprint(hello) != fmt.Sprint(want) {
		t.Errorf("hello %v\nwant  %v", hello, want)
	}
	ready := r.line(t, "ready")
	port := int(ready["port"].(float64))
	conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil || ready["host"] != "127.0.0.1" || len(ready) != 3 {
		t.Fatalf("ready %v: %v", ready, err)
	}
	conn.Close()
	r.stop <- syscall.SIGTERM
	done := r.line(t, "done")
	facts := done["facts"].(map[string]any)
	for _, k := range []string{"gc_cycles", "total_alloc_bytes", "shutdown_ns", "gomaxprocs"} {
		if _, ok := facts[k].(float64); !ok {
			t.Errorf("fact %s missing or not a number: %v", k, facts)
		}
	}
	if code := r.exit(t); code != 0 || facts["shutdown"] != "graceful" {
		t.Fatalf("exit %d, facts %v", code, facts)
	}
}

func TestRequestInFlightFinishes(t *testing.T) {
	started := make(chan struct{})
	const work = 300 * time.Millisecond
	r := start(t, netHTTP(func(w http.ResponseWriter, _ *http.Request) {
		close(started)
		time.Sleep(work)
		w.Write([]byte("finished"))
	}), request(0), 0)
	r.line(t, "hello")
	port := int(r.line(t, "ready")["port"].(float64))
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/", port))
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}()
	<-started
	r.stop <- syscall.SIGTERM
	if body := <-got; body != "finished" {
		t.Fatalf("request in flight got %q", body)
	}
	facts := r.line(t, "done")["facts"].(map[string]any)
	if facts["shutdown"] != "graceful" || facts["shutdown_ns"].(float64) < float64(work/2) {
		t.Errorf("facts %v: want a graceful shutdown that waited for the request", facts)
	}
	if code := r.exit(t); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

func TestGraceBoundsShutdown(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	r := start(t, netHTTP(func(w http.ResponseWriter, _ *http.Request) {
		close(started)
		<-release
	}), request(0), 200*time.Millisecond)
	r.line(t, "hello")
	port := int(r.line(t, "ready")["port"].(float64))
	go http.Get(fmt.Sprintf("http://127.0.0.1:%d/", port))
	<-started
	begin := time.Now()
	r.stop <- syscall.SIGTERM
	facts := r.line(t, "done")["facts"].(map[string]any)
	if code := r.exit(t); code != 0 || facts["shutdown"] != "timeout" {
		t.Fatalf("exit %d, facts %v: want 0 and a timeout", code, facts)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Fatalf("shutdown took %v with a 200ms grace", d)
	}
}

// failingServer is a Server whose Serve fails at once.
type failingServer struct{}

func (failingServer) Serve(net.Listener) error       { return errors.New("accept failed") }
func (failingServer) Shutdown(context.Context) error { return nil }

func TestStartFailures(t *testing.T) {
	serveFails := Variant{Name: "fake", Framework: "fakefw",
		New: func(driver.Request) (Server, error) { return failingServer{}, nil }}
	newFails := Variant{Name: "fake", Framework: "fakefw",
		New: func(driver.Request) (Server, error) { return nil, errors.New("no routes") }}
	newPanics := Variant{Name: "fake", Framework: "fakefw",
		New: func(driver.Request) (Server, error) { panic("boom") }}
	cases := []struct {
		v       Variant
		request string
		before  []string // line types before the error
		message string
	}{
		{serveFails, request(0), []string{"hello", "ready"}, "fakefw stopped serving before it was asked to: accept failed"},
		{newFails, request(0), []string{"hello"}, "creating the fakefw server: no routes"},
		{newPanics, request(0), []string{"hello"}, "panic: boom"},
		{newFails, strings.Replace(request(0), `"port":0`, `"port":70000`, 1), nil, `"port": must be <= 65535`},
		{newFails, strings.Replace(request(0), `"host":"127.0.0.1",`, ``, 1), nil, `"host": missing`},
		{netHTTP(nil), strings.Replace(request(0), `"127.0.0.1"`, `"256.0.0.1"`, 1), []string{"hello"}, "256.0.0.1"},
	}
	for _, c := range cases {
		r := start(t, c.v, c.request, 0)
		for _, typ := range c.before {
			r.line(t, typ)
		}
		msg, _ := r.line(t, "error")["message"].(string)
		if !strings.Contains(msg, c.message) {
			t.Errorf("error %q, want it to contain %q", msg, c.message)
		}
		if code := r.exit(t); code != 1 {
			t.Errorf("%s: exit %d, want 1", c.message, code)
		}
	}
}
