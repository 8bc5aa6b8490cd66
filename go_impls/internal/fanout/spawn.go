package fanout

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"

	"xlbench/internal/driver"
)

// defaultMaxThreads is the Go runtime's default thread limit; past it the
// process dies with "thread exhaustion".
const defaultMaxThreads = 10000

// threadMargin is room, above one thread per task, for the runtime's own
// threads (sysmon, the Ps' threads, threads blocked in syscalls).
const threadMargin = 1000

// Spawn returns the spawn-protocol run of a fanout variant: lockThread false
// is go/goroutines, true is go/os_threads (see Run).
func Spawn(lockThread bool) func(driver.Request) (driver.SpawnResult, error) {
	return func(req driver.Request) (driver.SpawnResult, error) {
		if req.Workload != "fanout" {
			return driver.SpawnResult{}, fmt.Errorf("workload %q: this variant runs only \"fanout\"", req.Workload)
		}
		if req.Mode != ModeSleep && req.Mode != ModeChannel && req.Mode != ModeCompute && req.Mode != ModeHold {
			return driver.SpawnResult{}, fmt.Errorf("unknown mode %q (want sleep, channel, compute or hold)", req.Mode)
		}
		p, err := ParseParams(req.Params)
		if err != nil {
			return driver.SpawnResult{}, err
		}
		maxThreads := defaultMaxThreads
		if lockThread && p.Tasks+threadMargin > maxThreads {
			// Each locked task may hold a thread at once (sleep, channel, hold).
			maxThreads = p.Tasks + threadMargin
			debug.SetMaxThreads(maxThreads)
		}

		before, err := ReadStatus()
		if err != nil {
			return driver.SpawnResult{}, err
		}
		o, err := Run(req.Mode, p, lockThread)
		if err != nil {
			return driver.SpawnResult{}, err
		}
		after, err := ReadStatus()
		if err != nil {
			return driver.SpawnResult{}, err
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		gogc := os.Getenv("GOGC")
		if gogc == "" {
			gogc = "100"
		}
		res := driver.SpawnResult{
			Checksum: map[string]int64{"tasks": int64(p.Tasks), "sum": o.Sum},
			NS:       o.NS,
			Facts: map[string]any{
				"rss_before_kb":           before.VmRSSKB,
				"rss_after_kb":            after.VmRSSKB,
				"peak_rss_self_kb":        after.VmHWMKB,
				"num_threads":             o.ThreadsAtSpawnEnd,
				"num_threads_after":       after.Threads,
				"goroutines_at_spawn_end": o.GoroutinesAtSpawnEnd,
				"status_read_ns":          o.StatusReadNS,
				"gc_cycles":               m.NumGC,
				"gc_pause_total_ns":       m.PauseTotalNs,
				"total_alloc_bytes":       m.TotalAlloc,
				"stack_sys_bytes":         m.StackSys,
				"heap_sys_bytes":          m.HeapSys,
				"sys_bytes":               m.Sys,
				"gogc":                    gogc,
				"gomaxprocs":              runtime.GOMAXPROCS(0),
				"max_threads":             maxThreads,
			},
		}
		if req.Mode == ModeHold {
			// VmRSS right after the spawn loop, every task still alive.
			res.Facts["rss_all_alive_kb"] = o.RSSAtSpawnEndKB
		}
		return res, nil
	}
}
