package servetest

import (
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Expect is what a server variant's hello line must say.
type Expect struct {
	Variant   string // hello.variant
	Library   string // hello.library, as workload.json names the library
	Framework string // hello.framework is "<Framework> <library_version>"
}

// Run checks a server end to end as the harness drives it: start on port 0
// with two threads, the hello and ready lines, every endpoint, then SIGTERM
// with a keep-alive connection still open, the done line and exit 0.
func Run(t *testing.T, want Expect) {
	const threads = 2
	p := Spawn(t, WriteRequest(t, "127.0.0.1", 0, threads), threads)

	hello, line := p.Object(t, "hello")
	version, _ := hello["library_version"].(string)
	if hello["protocol"] != 1.0 || hello["language"] != "go" || hello["variant"] != want.Variant ||
		hello["library"] != want.Library || !strings.HasPrefix(version, "v") && !strings.HasPrefix(version, "go") ||
		hello["framework"] != want.Framework+" "+version || hello["threads"] != float64(threads) ||
		hello["backend"] == "" || hello["runtime"] == "" {
		t.Fatalf("hello line %s does not match %+v with %d threads", line, want, threads)
	}

	ready, line := p.Object(t, "ready")
	port, _ := ready["port"].(float64)
	if port < 1 || line != fmt.Sprintf(`{"type":"ready","host":"127.0.0.1","port":%d}`, int(port)) {
		t.Fatalf("ready line %s, want {\"type\":\"ready\",\"host\":\"127.0.0.1\",\"port\":<bound port>}", line)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", int(port))
	c := NewClient(base)
	defer c.Close()
	CheckEndpoints(t, c)

	// The client's keep-alive connection is still open and idle: shutdown
	// must close it rather than wait out the grace period.
	start := time.Now()
	p.Signal(t, syscall.SIGTERM)
	done, line := p.Object(t, "done")
	facts, ok := done["facts"].(map[string]any)
	if !ok || facts["shutdown"] != "graceful" || facts["gomaxprocs"] != float64(threads) {
		t.Errorf("done line %s: want facts with shutdown graceful and gomaxprocs %d", line, threads)
	}
	code, rest := p.Wait(t)
	if code != 0 || len(rest) != 0 {
		t.Errorf("after SIGTERM: exit code %d and lines %q after done, want 0 and none", code, rest)
	}
	t.Logf("SIGTERM to exit: %v (shutdown_ns %v)", time.Since(start).Round(time.Millisecond), facts["shutdown_ns"])
	if conn, err := net.DialTimeout("tcp", base[len("http://"):], time.Second); err == nil {
		conn.Close()
		t.Errorf("port %d still accepts connections after exit", int(port))
	}
}

// RunPortTaken checks a start-up failure: the port is taken, so the server
// prints hello, then one error line naming the address, and exits non-zero.
func RunPortTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	p := Spawn(t, WriteRequest(t, "127.0.0.1", port, 1), 1)
	p.Object(t, "hello")
	failure, line := p.Object(t, "error")
	if msg, _ := failure["message"].(string); !strings.Contains(msg, fmt.Sprint(port)) {
		t.Errorf("error line %s does not name port %d", line, port)
	}
	if code, rest := p.Wait(t); code == 0 || len(rest) != 0 {
		t.Errorf("exit code %d and lines %q after the error, want non-zero and none", code, rest)
	}
}
