// Package driver implements the batch protocol (docs/protocol.md) once, so a
// Go variant supplies only its metadata, setup and operation.
package driver

import (
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

// Op is one prepared workload operation.
type Op interface {
	// Run performs one timed operation and keeps its result reachable
	// (a package-level sink) so the compiler cannot drop the work.
	Run()
	// Check reduces the result of the most recent Run to the workload's
	// checksum, or reports that Run failed.
	Check() (map[string]int64, error)
}

// Variant describes one benchmark binary.
type Variant struct {
	Language       string // "go" when empty
	Name           string // variant name from workload.json, e.g. "go_json"
	Library        string // library as workload.json names it
	LibraryVersion string // see ModuleVersion
	Backend        string // the code path that really runs
	// Setup does the untimed preparation (reading the input, ...).
	Setup func(req Request) (Op, error)
}

// Env is where the driver writes and how it reads the clock; tests swap all.
type Env struct {
	Out io.Writer        // protocol lines
	Err io.Writer        // free-form diagnostics
	Now func() time.Time // must be monotonic: time.Now is
}

// Main is a variant's whole main function: it never returns.
func Main(v Variant) {
	os.Exit(Execute(v, os.Args[1:], Env{Out: os.Stdout, Err: os.Stderr, Now: time.Now}))
}

// Execute runs the protocol for the given arguments and returns the exit
// code; any failure becomes an error line and exit code 1.
func Execute(v Variant, args []string, env Env) int {
	return report(env, execute(v, args, env))
}

// report turns a run's error into the error line and the exit code.
func report(env Env, err error) int {
	if err == nil {
		return 0
	}
	fmt.Fprintf(env.Err, "error: %v\n", err)
	msg := err.Error()
	if len(msg) > 4096 { // the harness rejects lines over 64 KiB
		msg = msg[:4096] + "..."
	}
	emit(env.Out, errorLine{"error", msg})
	return 1
}

func execute(v Variant, args []string, env Env) error {
	return guarded(args, env, ReadRequest, func(req Request) error { return Run(v, req, env) })
}

// guarded reads the request named by args and runs it; a panicking library
// must still produce an error line, so a panic becomes the returned error.
func guarded(args []string, env Env, read func(string) (Request, error), run func(Request) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			env.Err.Write(debug.Stack())
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	path, err := requestPath(args)
	if err != nil {
		return err
	}
	req, err := read(path)
	if err != nil {
		return err
	}
	return run(req)
}

func requestPath(args []string) (string, error) {
	if len(args) != 2 || args[0] != "--request" || args[1] == "" {
		return "", fmt.Errorf("usage: <variant> --request <path-to-request.json> (got arguments %q)", args)
	}
	return args[1], nil
}

// Run executes the protocol after the request has been parsed.
func Run(v Variant, req Request, env Env) error {
	runtime.GOMAXPROCS(int(req.Threads))
	if err := emit(env.Out, hello(v)); err != nil {
		return err
	}
	op, err := v.Setup(req)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}

	op.Run()
	sum, err := op.Check()
	if err != nil {
		return fmt.Errorf("check operation: %w", err)
	}
	if err := emit(env.Out, checkLine{"check", sum}); err != nil {
		return err
	}

	ops, ns := warmup(op.Run, env.Now, req.WarmupMS*int64(time.Millisecond))
	batch := BatchSize(req.MinSampleMS, ops, ns)
	if err := emit(env.Out, warmupLine{"warmup", ops, ns, batch}); err != nil {
		return err
	}

	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := int64(0); i < req.Samples; i++ {
		ns := timeBatch(op.Run, env.Now, batch)
		if err := emit(env.Out, sampleLine{"sample", i, batch, ns}); err != nil {
			return err
		}
	}
	facts := doneFacts(&before, batch*req.Samples)

	// The last sampled result must still match: catches a library whose
	// results depend on state left by earlier operations.
	again, err := op.Check()
	if err != nil {
		return fmt.Errorf("re-check after samples: %w", err)
	}
	if !maps.Equal(sum, again) {
		return fmt.Errorf("checksum changed during samples: first %v, last %v", sum, again)
	}
	return emit(env.Out, doneLine{"done", facts})
}

// timeBatch is the measured region: nothing but the operations sits between
// the two clock reads.
func timeBatch(run func(), now func() time.Time, n int64) int64 {
	start := now()
	for j := int64(0); j < n; j++ {
		run()
	}
	return int64(now().Sub(start))
}

// warmup runs batches that double in size until each takes about a
// millisecond, so clock reads do not inflate the per-op time, and stops once
// at least minNS have been spent (always after one op at least).
func warmup(run func(), now func() time.Time, minNS int64) (ops, ns int64) {
	const settleNS = int64(time.Millisecond)
	n := int64(1)
	for {
		t := timeBatch(run, now, n)
		ops += n
		ns += t
		if ns >= minNS {
			return ops, ns
		}
		if t < settleNS {
			n *= 2
		}
	}
}
