package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"xlbench/internal/grpcbench/pb"
	"xlbench/internal/serve/servetest"
)

func TestMain(m *testing.M) { servetest.Main(m, main) }

// TestServer runs the binary as the harness does: hello and ready, calls
// over one connection, SIGTERM with that connection still open, done, exit 0.
func TestServer(t *testing.T) {
	const threads = 2
	p := servetest.Spawn(t, servetest.WriteWorkloadRequest(t, "grpc", "all", "127.0.0.1", 0, threads), threads)
	hello, line := p.Object(t, "hello")
	version, _ := hello["library_version"].(string)
	if hello["variant"] != "grpc-go" || hello["library"] != "grpc-go" || !strings.HasPrefix(version, "v1.") ||
		hello["framework"] != "grpc-go "+version || hello["threads"] != float64(threads) {
		t.Fatalf("hello line %s", line)
	}
	ready, line := p.Object(t, "ready")
	port, _ := ready["port"].(float64)
	if port < 1 || line != fmt.Sprintf(`{"type":"ready","host":"127.0.0.1","port":%d}`, int(port)) {
		t.Fatalf("ready line %s", line)
	}
	address := fmt.Sprintf("127.0.0.1:%d", int(port))

	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := pb.NewBenchClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := client.Echo(ctx, &pb.Item{Id: 3, Name: "n", Values: []int64{40, 2}})
	if err != nil || got.Id != 3 || got.Name != "n" || got.Sum != 42 {
		t.Fatalf("Echo: %v, %v", got, err)
	}
	stream, err := client.Stream(ctx, &pb.StreamRequest{Item: &pb.Item{Id: 10, Values: []int64{5}}, Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i := uint64(0); i < 3; i++ {
		if item, err := stream.Recv(); err != nil || item.Id != 10+i || item.Sum != 5 {
			t.Fatalf("Stream Item %d: %v, %v", i, item, err)
		}
	}

	// The connection stays open and idle: the shutdown must close it rather
	// than wait out the grace period.
	start := time.Now()
	p.Signal(t, syscall.SIGTERM)
	done, line := p.Object(t, "done")
	facts, _ := done["facts"].(map[string]any)
	if facts["shutdown"] != "graceful" || facts["gomaxprocs"] != float64(threads) {
		t.Errorf("done line %s: want shutdown graceful and gomaxprocs %d", line, threads)
	}
	if code, rest := p.Wait(t); code != 0 || len(rest) != 0 {
		t.Errorf("after SIGTERM: exit code %d and lines %q after done, want 0 and none", code, rest)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("SIGTERM to exit took %v with only an idle connection open", took)
	}
	if c, err := net.DialTimeout("tcp", address, time.Second); err == nil {
		c.Close()
		t.Errorf("%s still accepts connections after exit", address)
	}
}

func TestPortTaken(t *testing.T) { servetest.RunPortTaken(t) }

// TestBadRequest: a request the driver refuses gives one error line naming
// the field and a non-zero exit, before any hello.
func TestBadRequest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "request.json")
	bad := `{"protocol":1,"workload":"grpc","mode":"all","input":{"name":"none","path":"","schema":"","bytes":0},` +
		`"params":{},"threads":0,"host":"127.0.0.1","port":0}`
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	p := servetest.Spawn(t, path, 1)
	failure, line := p.Object(t, "error")
	if msg, _ := failure["message"].(string); !strings.Contains(msg, "threads") {
		t.Errorf("error line %s does not name the field threads", line)
	}
	if code, rest := p.Wait(t); code == 0 || len(rest) != 0 {
		t.Errorf("exit code %d and lines %q after the error, want non-zero and none", code, rest)
	}
}
