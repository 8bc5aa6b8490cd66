package main

// The xlbench batch protocol (xlbench's docs/protocol.md), by hand: read the
// request, then print hello, check, warmup, `samples` sample lines and done,
// one JSON object per line. Any failure prints an error line and exits 1.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

type request struct {
	workload, mode, inputPath               string
	warmupMS, samples, minSampleMS, threads int64
}

// sink keeps every result reachable, so no operation can be optimised away.
var sink any

// runMain runs the protocol; setup reads the input (untimed) and returns one operation.
func runMain(variant, library, backend string, setup func(request) (op func() map[string]int64, err error)) {
	if err := run(variant, library, backend, setup); err != nil {
		fmt.Fprintf(os.Stderr, "logscan_%s: %v\n", variant, err)
		emit(map[string]any{"type": "error", "message": err.Error()})
		os.Exit(1)
	}
}

func run(variant, library, backend string, setup func(request) (func() map[string]int64, error)) error {
	req, err := readRequest(os.Args[1:])
	if err != nil {
		return err
	}
	runtime.GOMAXPROCS(int(req.threads))
	emit(map[string]any{"type": "hello", "protocol": 1, "language": "go", "variant": variant, "library": library,
		"library_version": runtime.Version(), "backend": backend, "runtime": runtime.Version()})
	op, err := setup(req)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	emit(map[string]any{"type": "check", "checksum": op()})

	// Warm-up: at least one operation and at least warmup_ms.
	var ops, ns int64
	for start := time.Now(); ops == 0 || ns < req.warmupMS*1e6; {
		sink = op()
		ops++
		ns = time.Since(start).Nanoseconds()
	}
	// B = max(1, ceil(min_sample_ms / (T/N))) = ceil(min_sample_ms*1e6*N / T), exact
	// while min_sample_ms*N < 9.2e12 (int64).
	batch := max(1, (req.minSampleMS*1e6*ops+ns-1)/ns)
	emit(map[string]any{"type": "warmup", "ops": ops, "ns": ns, "batch": batch})

	for i := range req.samples {
		start := time.Now() // monotonic: time.Since uses the monotonic reading
		for range batch {
			sink = op()
		}
		ns := time.Since(start).Nanoseconds()
		emit(map[string]any{"type": "sample", "index": i, "ops": batch, "ns": ns})
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	emit(map[string]any{"type": "done", "facts": map[string]any{
		"gc_cycles": m.NumGC, "gc_pause_total_ns": m.PauseTotalNs, "total_alloc_bytes": m.TotalAlloc}})
	return nil
}

// readRequest parses `--request <file>`; a missing or ill-typed field is an
// error, unknown fields are ignored.
func readRequest(args []string) (request, error) {
	if len(args) != 2 || args[0] != "--request" {
		return request{}, fmt.Errorf("usage: logscan_regexp --request <request.json> (got %q)", args)
	}
	raw, err := os.ReadFile(args[1])
	if err != nil {
		return request{}, err
	}
	var top any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // integers stay exact; 1.5 is not an integer
	if err := dec.Decode(&top); err != nil {
		return request{}, fmt.Errorf("request is not valid JSON: %w", err)
	}
	if _, ok := top.(map[string]any); !ok || dec.More() {
		return request{}, errors.New("request must be one JSON object")
	}
	var errs []error
	get := func(key string) any { // "input.path" looks inside "input"
		v := top
		for k := range strings.SplitSeq(key, ".") {
			obj, _ := v.(map[string]any)
			v = obj[k]
		}
		return v
	}
	str := func(key string) string {
		s, ok := get(key).(string)
		if !ok {
			errs = append(errs, fmt.Errorf("request field %q: missing or not a string", key))
		}
		return s
	}
	integer := func(key string, min int64) int64 {
		num, _ := get(key).(json.Number)
		n, err := num.Int64()
		if err != nil || n < min {
			errs = append(errs, fmt.Errorf("request field %q: missing or not an integer >= %d", key, min))
		}
		return n
	}
	req := request{workload: str("workload"), mode: str("mode"), inputPath: str("input.path"),
		warmupMS: integer("warmup_ms", 0), samples: integer("samples", 1),
		minSampleMS: integer("min_sample_ms", 1), threads: integer("threads", 1)}
	str("input.name")
	str("input.schema")
	integer("input.bytes", 0)
	if _, ok := get("params").(map[string]any); !ok {
		errs = append(errs, errors.New(`request field "params": missing or not an object`))
	}
	if p := integer("protocol", 1); p != 1 {
		errs = append(errs, fmt.Errorf(`request field "protocol": unsupported version %d, want 1`, p))
	}
	if req.inputPath == "" {
		errs = append(errs, errors.New(`request field "input.path": must not be empty`))
	}
	return req, errors.Join(errs...)
}

// emit prints one protocol line; os.Stdout is unbuffered, so it is flushed at once.
func emit(line map[string]any) {
	b, _ := json.Marshal(line)
	os.Stdout.Write(append(b, '\n'))
}
