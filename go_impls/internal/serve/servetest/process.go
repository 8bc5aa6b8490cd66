// Package servetest checks a Go server variant end to end, shared by the
// tests of every cmd/http_* binary: the test binary re-runs itself as the
// server (its TestMain calls the variant's main in the child), so the real
// main, signal handling and exit code are what is tested, without a
// separate build.
package servetest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

const childEnv = "XLBENCH_SERVETEST_CHILD"

// lineTimeout bounds every wait for a protocol line; start-up takes
// milliseconds, shutdown at most serve.ShutdownGrace.
const lineTimeout = 10 * time.Second

// Main is the TestMain of a server's test package: in the child process it
// runs the server's main (which exits), otherwise it runs the tests.
func Main(m *testing.M, serverMain func()) {
	if os.Getenv(childEnv) == "1" {
		serverMain()
		fmt.Fprintln(os.Stderr, "servetest: the server's main returned instead of exiting")
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// Process is one server started as a child process.
type Process struct {
	cmd    *exec.Cmd
	lines  chan string // stdout, line by line; closed at EOF
	stderr *syncBuffer
	exited chan struct{} // closed once Wait has returned
}

// WriteRequest writes an http-workload server-protocol request file and
// returns its path.
func WriteRequest(t *testing.T, host string, port, threads int) string {
	t.Helper()
	return WriteWorkloadRequest(t, "http", "plaintext", host, port, threads)
}

// WriteWorkloadRequest writes a server-protocol request file for workload
// and mode and returns its path.
func WriteWorkloadRequest(t *testing.T, workload, mode, host string, port, threads int) string {
	t.Helper()
	req := map[string]any{
		"protocol": 1, "workload": workload, "mode": mode,
		"input":  map[string]any{"name": "none", "path": "", "schema": "", "bytes": 0},
		"params": map[string]any{}, "threads": threads, "host": host, "port": port,
	}
	data, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "request.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Spawn starts the test binary as the server with `--request path`, as the
// harness would (GOMAXPROCS set in the environment too). The process is
// killed at the end of the test if it is still running.
func Spawn(t *testing.T, requestPath string, threads int) *Process {
	t.Helper()
	cmd := exec.Command(os.Args[0], "--request", requestPath)
	cmd.Env = append(os.Environ(), childEnv+"=1", "GOMAXPROCS="+strconv.Itoa(threads))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &Process{cmd: cmd, lines: make(chan string, 16), stderr: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(p.lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
	}()
	go func() {
		<-read     // Wait closes the pipe: read it to the end first
		cmd.Wait() // the exit status is read from cmd.ProcessState
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("server stderr:\n%s", p.stderr.String())
		}
	})
	return p
}

// Line returns the next stdout line, failing the test on timeout or EOF.
func (p *Process) Line(t *testing.T) string {
	t.Helper()
	select {
	case line, ok := <-p.lines:
		if !ok {
			t.Fatalf("server closed stdout, want another line")
		}
		return line
	case <-time.After(lineTimeout):
		t.Fatalf("no protocol line within %v", lineTimeout)
	}
	return ""
}

// Object is Line parsed as a JSON object whose "type" must be want.
func (p *Process) Object(t *testing.T, want string) (map[string]any, string) {
	t.Helper()
	line := p.Line(t)
	var obj map[string]any
	if err := json.Unmarshal([]byte(line), &obj); err != nil {
		t.Fatalf("line %q is not a JSON object: %v", line, err)
	}
	if obj["type"] != want {
		t.Fatalf("line %q: want type %q", line, want)
	}
	return obj, line
}

// Signal sends sig to the server.
func (p *Process) Signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// Wait waits for the exit and returns the exit code and any stdout lines
// not read yet.
func (p *Process) Wait(t *testing.T) (int, []string) {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(lineTimeout):
		t.Fatalf("server still running %v later", lineTimeout)
	}
	var rest []string
	for line := range p.lines {
		rest = append(rest, line)
	}
	return p.cmd.ProcessState.ExitCode(), rest
}

// syncBuffer is a bytes.Buffer safe for the writer goroutine of exec and the
// test reading it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
