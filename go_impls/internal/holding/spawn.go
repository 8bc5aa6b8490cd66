package holding

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"xlbench/internal/driver"
	"xlbench/internal/fanout"
)

// Run is the spawn-protocol run of go/structs: VmRSS at start-up, the timed
// load of every document of req.Input.Path, a full GC (so garbage left by
// decoding is not counted as held), VmRSS while holding them, then the
// checksum over the held documents.
func Run(req driver.Request) (driver.SpawnResult, error) {
	if req.Workload != "holding" {
		return driver.SpawnResult{}, fmt.Errorf("workload %q: this variant runs only \"holding\"", req.Workload)
	}
	if req.Mode != "typed" {
		return driver.SpawnResult{}, fmt.Errorf("unknown mode %q (want typed)", req.Mode)
	}
	if req.Input.Path == "" {
		return driver.SpawnResult{}, fmt.Errorf("input.path is empty: the holding workload reads a file of documents")
	}
	before, err := fanout.ReadStatus()
	if err != nil {
		return driver.SpawnResult{}, err
	}

	start := time.Now()
	docs, err := loadFile(req.Input.Path)
	ns := time.Since(start).Nanoseconds()
	if err != nil {
		return driver.SpawnResult{}, err
	}

	runtime.GC()
	after, err := fanout.ReadStatus()
	if err != nil {
		return driver.SpawnResult{}, err
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	// What the scavenger has not returned yet: RSS once every free page is
	// given back. Read after the main figure, so it cannot change it.
	debug.FreeOSMemory()
	scavenged, err := fanout.ReadStatus()
	if err != nil {
		return driver.SpawnResult{}, err
	}

	sum := Checksum(docs)
	runtime.KeepAlive(docs)
	gogc := os.Getenv("GOGC")
	if gogc == "" {
		gogc = "100"
	}
	return driver.SpawnResult{
		Checksum: sum,
		NS:       ns,
		Facts: map[string]any{
			"held_resources":       len(docs),
			"rss_before_kb":        before.VmRSSKB,
			"rss_after_kb":         after.VmRSSKB,
			"rss_after_free_os_kb": scavenged.VmRSSKB,
			"peak_rss_self_kb":     scavenged.VmHWMKB,
			"heap_inuse_bytes":     m.HeapInuse,
			"heap_alloc_bytes":     m.HeapAlloc,
			"heap_sys_bytes":       m.HeapSys,
			"sys_bytes":            m.Sys,
			"total_alloc_bytes":    m.TotalAlloc,
			"gc_cycles":            m.NumGC,
			"gc_pause_total_ns":    m.PauseTotalNs,
			"gogc":                 gogc,
			"gomaxprocs":           runtime.GOMAXPROCS(0),
		},
	}, nil
}

func loadFile(path string) ([]Resource, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}
