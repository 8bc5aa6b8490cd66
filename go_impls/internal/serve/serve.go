// Package serve implements the server protocol (docs/protocol.md, "The server
// protocol") once for every Go HTTP server, so a variant supplies only a
// constructor for its framework's server.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"xlbench/internal/driver"
)

// ShutdownGrace bounds how long requests in flight may take to finish after
// SIGTERM.
const ShutdownGrace = 5 * time.Second

// Server is the smallest surface shared by *http.Server (net/http, gin),
// *echo.Echo and *fiber.App (with a thin adapter for the last two).
type Server interface {
	// Serve accepts connections on l, which the driver created and bound,
	// until Shutdown. What it returns after Shutdown has begun is ignored.
	Serve(l net.Listener) error
	// Shutdown stops accepting and waits for requests in flight, at most
	// until ctx is done.
	Shutdown(ctx context.Context) error
}

// Variant describes one server binary.
type Variant struct {
	Name      string // variant name from workload.json, e.g. "gin"
	Framework string // framework as reports name it, e.g. "gin"
	Library   string // library as workload.json names it, e.g. "gin-gonic/gin"
	Module    string // Go module of the framework; "" for the standard library
	Backend   string // what really serves, e.g. "net/http server, encoding/json"
	// New builds the server with its routes. GOMAXPROCS is already set
	// from req.Threads. It must not bind anything: the driver does.
	New func(req driver.Request) (Server, error)
}

// Env is where the driver writes and what stops it; tests swap all.
type Env struct {
	Out   io.Writer        // protocol lines
	Err   io.Writer        // free-form diagnostics
	Stop  <-chan os.Signal // a value starts the graceful shutdown
	Grace time.Duration    // shutdown bound; 0 means ShutdownGrace
}

type helloLine struct {
	Type           string `json:"type"`
	Protocol       int    `json:"protocol"`
	Language       string `json:"language"`
	Variant        string `json:"variant"`
	Library        string `json:"library"`
	LibraryVersion string `json:"library_version"`
	Backend        string `json:"backend"`
	Runtime        string `json:"runtime"`
	Threads        int    `json:"threads"`
	Framework      string `json:"framework"` // name and version, e.g. "gin v1.12.0"
}

type readyLine struct {
	Type string `json:"type"`
	Host string `json:"host"`
	Port int    `json:"port"`
}

type doneLine struct {
	Type  string         `json:"type"`
	Facts map[string]any `json:"facts"`
}

// Main is a server variant's whole main function: it never returns.
func Main(v Variant) {
	// Registered first, so a SIGTERM that comes early (even before ready)
	// still ends in a graceful shutdown rather than the default kill.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	os.Exit(Execute(v, os.Args[1:], Env{Out: protocolStdout(), Err: os.Stderr, Stop: stop}))
}

// Execute runs the protocol for the given arguments and returns the exit
// code; any failure (a panic while starting included) becomes an error line
// and exit code 1.
func Execute(v Variant, args []string, env Env) int {
	denv := driver.Env{Out: env.Out, Err: env.Err}
	return driver.Report(denv, driver.Guarded(args, denv, driver.ReadServerRequest,
		func(req driver.Request) error { return Run(v, req, env) }))
}

// Run executes the protocol after the request has been parsed: hello, bind,
// serve, ready, then wait for the stop signal and shut down.
func Run(v Variant, req driver.Request, env Env) error {
	runtime.GOMAXPROCS(int(req.Threads))
	if err := driver.Emit(env.Out, hello(v)); err != nil {
		return err
	}
	srv, err := v.New(req)
	if err != nil {
		return fmt.Errorf("creating the %s server: %w", v.Framework, err)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(req.Host, strconv.FormatInt(req.Port, 10)))
	if err != nil {
		return err // names the address, e.g. "listen tcp 127.0.0.1:80: bind: address already in use"
	}
	defer ln.Close()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	// The socket is listening: connections made from now on wait in the
	// kernel's backlog until the framework accepts them.
	if err := driver.Emit(env.Out, readyLine{"ready", req.Host, ln.Addr().(*net.TCPAddr).Port}); err != nil {
		return err
	}
	select {
	case err := <-served:
		return fmt.Errorf("%s stopped serving before it was asked to: %v", v.Framework, err)
	case <-env.Stop:
	}

	facts := shutdown(srv, ln, served, env.Grace)
	return driver.Emit(env.Out, doneLine{"done", facts})
}

// shutdown stops srv within grace and reports how that went.
func shutdown(srv Server, ln net.Listener, served <-chan error, grace time.Duration) map[string]any {
	if grace <= 0 {
		grace = ShutdownGrace
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(ctx)
	// A framework whose Serve had not yet taken the listener when Shutdown
	// came (fasthttp) would otherwise start accepting afterwards.
	ln.Close()
	select {
	case <-served:
	case <-ctx.Done():
	}
	facts := runtimeFacts()
	facts["shutdown_ns"] = time.Since(start).Nanoseconds()
	switch {
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		facts["shutdown"] = "timeout" // requests still running after grace are dropped at exit
	case err != nil:
		facts["shutdown"] = "error: " + err.Error()
	default:
		facts["shutdown"] = "graceful"
	}
	return facts
}

func hello(v Variant) helloLine {
	version := driver.ModuleVersion(v.Module)
	return helloLine{"hello", 1, "go", v.Name, v.Library, version, v.Backend, runtime.Version(),
		runtime.GOMAXPROCS(0), v.Framework + " " + version}
}

// runtimeFacts are cumulative over the server's whole life.
func runtimeFacts() map[string]any {
	facts, m := driver.RuntimeFacts()
	facts["mallocs"] = m.Mallocs
	facts["sys_bytes"] = m.Sys
	return facts
}
