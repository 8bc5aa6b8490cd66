package driver

import (
	"bytes"
	"encoding/json"
	"io"
	"math/bits"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

// Line structs fix the key order of each output line.
type helloLine struct {
	Type           string `json:"type"`
	Protocol       int    `json:"protocol"`
	Language       string `json:"language"`
	Variant        string `json:"variant"`
	Library        string `json:"library"`
	LibraryVersion string `json:"library_version"`
	Backend        string `json:"backend"`
	Runtime        string `json:"runtime"`
}

type checkLine struct {
	Type     string           `json:"type"`
	Checksum map[string]int64 `json:"checksum"`
}

type warmupLine struct {
	Type  string `json:"type"`
	Ops   int64  `json:"ops"`
	NS    int64  `json:"ns"`
	Batch int64  `json:"batch"`
}

type sampleLine struct {
	Type  string `json:"type"`
	Index int64  `json:"index"`
	Ops   int64  `json:"ops"`
	NS    int64  `json:"ns"`
}

type errorLine struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

type doneLine struct {
	Type  string         `json:"type"`
	Facts map[string]any `json:"facts"`
}

func hello(v Variant) helloLine {
	lang := v.Language
	if lang == "" {
		lang = "go"
	}
	return helloLine{"hello", 1, lang, v.Name, v.Library, v.LibraryVersion, v.Backend, runtime.Version()}
}

// emit writes one whole line in a single Write: os.Stdout is unbuffered, so
// every line reaches the harness as soon as it is printed.
func emit(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)              // keep "<" readable in error messages
	if err := enc.Encode(v); err != nil { // appends the newline
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// BatchSize is B = max(1, ceil(min_sample_ms / (T/N))), computed exactly as
// ceil(min_sample_ms*1e6*N / T) in 128-bit integers.
func BatchSize(minSampleMS, ops, ns int64) int64 {
	if ns < 1 {
		ns = 1 // a clock too coarse to see the warm-up
	}
	hi, lo := bits.Mul64(uint64(minSampleMS)*uint64(time.Millisecond), uint64(ops))
	if hi >= uint64(ns) {
		return 1 << 62 // quotient overflows; unreachable with real clocks
	}
	q, r := bits.Div64(hi, lo, uint64(ns))
	if r != 0 {
		q++
	}
	if q < 1 {
		q = 1
	}
	if q > 1<<62 {
		q = 1 << 62
	}
	return int64(q)
}

// RuntimeFacts are the process's cumulative GC and allocation figures and
// its GC settings, read now.
func RuntimeFacts() (map[string]any, runtime.MemStats) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	gogc := os.Getenv("GOGC")
	if gogc == "" {
		gogc = "100"
	}
	return map[string]any{
		"gc_cycles":         m.NumGC,
		"gc_pause_total_ns": m.PauseTotalNs,
		"total_alloc_bytes": m.TotalAlloc,
		"gogc":              gogc,
		"gomaxprocs":        runtime.GOMAXPROCS(0),
	}, m
}

// doneFacts reports cumulative GC numbers plus what the samples alone cost.
func doneFacts(before *runtime.MemStats, sampledOps int64) map[string]any {
	facts, m := RuntimeFacts()
	facts["sample_gc_cycles"] = m.NumGC - before.NumGC
	facts["sample_alloc_bytes"] = m.TotalAlloc - before.TotalAlloc
	facts["sample_mallocs"] = m.Mallocs - before.Mallocs
	facts["sampled_ops"] = sampledOps
	return facts
}

// ModuleVersion is the version of the module at path linked into this
// binary, or the Go version when path is "" (the standard library).
func ModuleVersion(path string) string {
	if path == "" {
		return runtime.Version()
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range info.Deps {
		if d.Path == path {
			if d.Replace != nil && d.Replace.Version != "" {
				return d.Replace.Version
			}
			return d.Version
		}
	}
	return "unknown"
}
