package fanout

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Outcome is one fan-out: the checksum's sum and what was seen while it ran.
type Outcome struct {
	Sum int64 // wrapping sum of all task results
	NS  int64 // from before the first `go` until every task is joined
	// Read once, right after the spawn loop (inside the timed region: the
	// read's own time is StatusReadNS). In sleep mode every task is still
	// alive then unless spawning took longer than sleep_ms; in hold mode
	// every task is alive then (parked, or spawned and not yet run).
	ThreadsAtSpawnEnd    int64 // Threads: of /proc/self/status (-1 if unreadable)
	RSSAtSpawnEndKB      int64 // VmRSS: of /proc/self/status (-1 if unreadable)
	GoroutinesAtSpawnEnd int   // runtime.NumGoroutine(), main goroutine included
	StatusReadNS         int64
}

// Run spawns p.Tasks goroutines doing mode's work and waits for all of them.
// With lockThread each goroutine first calls runtime.LockOSThread and never
// unlocks, so it holds an OS thread from then on: while it sleeps or blocks
// its thread sleeps with it (the runtime starts another thread to keep
// running goroutines), and when it exits its thread exits too. That makes it
// an OS thread per task, the reference the goroutines are compared with.
func Run(mode string, p Params, lockThread bool) (Outcome, error) {
	switch mode {
	case ModeSleep, ModeCompute:
		return runSlots(mode, p, lockThread), nil
	case ModeChannel:
		return runChannel(p, lockThread), nil
	case ModeHold:
		return runHold(p, lockThread), nil
	}
	return Outcome{}, fmt.Errorf("unknown mode %q (want sleep, channel, compute or hold)", mode)
}

// runSlots is sleep and compute: task i writes its result into its own slot
// of a preallocated slice (no sharing, no atomics); the main goroutine sums
// the slots after Wait, outside the timed region. The WaitGroup's Wait is
// the happens-before edge that makes the writes visible.
func runSlots(mode string, p Params, lock bool) Outcome {
	n := p.Tasks
	results := make([]int64, n)
	var wg sync.WaitGroup
	sleep := time.Duration(p.SleepMS) * time.Millisecond

	start := time.Now()
	wg.Add(n)
	if mode == ModeSleep {
		for i := range n {
			go sleepTask(&wg, lock, sleep, &results[i], int64(i))
		}
	} else {
		for i := range n {
			go computeTask(&wg, lock, p.Rounds, &results[i], int64(i))
		}
	}
	o := observeSpawnEnd()
	wg.Wait()
	o.NS = int64(time.Since(start))

	for _, r := range results {
		o.Sum += r // wraps: Go's signed overflow is defined
	}
	return o
}

func sleepTask(wg *sync.WaitGroup, lock bool, d time.Duration, out *int64, i int64) {
	defer wg.Done()
	if lock {
		runtime.LockOSThread()
	}
	time.Sleep(d)
	*out = i
}

func computeTask(wg *sync.WaitGroup, lock bool, rounds int64, out *int64, i int64) {
	defer wg.Done()
	if lock {
		runtime.LockOSThread()
	}
	*out = int64(Compute(uint64(i), rounds))
}

// runHold is hold: every task parks on a latch (receiving from a channel
// that is never sent on) until the spawner closes it after the last spawn,
// then writes i into its slot. VmRSS and Threads are read right after the
// spawn loop, before the close, without waiting for the tasks to run: `go`
// allocates the goroutine and its stack at once, so the reading holds all N
// whether or not each has been scheduled yet. A task that first runs after
// the close does not block at all.
func runHold(p Params, lock bool) Outcome {
	n := p.Tasks
	results := make([]int64, n)
	var wg sync.WaitGroup
	release := make(chan struct{})

	start := time.Now()
	wg.Add(n)
	for i := range n {
		go holdTask(&wg, lock, release, &results[i], int64(i))
	}
	o := observeSpawnEnd()
	close(release)
	wg.Wait()
	o.NS = int64(time.Since(start))

	for _, r := range results {
		o.Sum += r
	}
	return o
}

func holdTask(wg *sync.WaitGroup, lock bool, release <-chan struct{}, out *int64, i int64) {
	defer wg.Done()
	if lock {
		runtime.LockOSThread()
	}
	<-release
	*out = i
}

// runChannel is the fan-in: every task sends its i on one unbuffered
// channel (the idiomatic fan-in; a sender stays blocked until the collector
// takes its value) and one collector goroutine, started first, sums while
// the tasks run. The time ends when Wait has returned and the collector has
// handed over its sum.
func runChannel(p Params, lock bool) Outcome {
	n := p.Tasks
	var wg sync.WaitGroup
	values := make(chan int64)
	total := make(chan int64, 1)

	start := time.Now()
	go collect(values, n, total)
	wg.Add(n)
	for i := range n {
		go sendTask(&wg, lock, values, int64(i))
	}
	o := observeSpawnEnd()
	wg.Wait()
	o.Sum = <-total
	o.NS = int64(time.Since(start))
	return o
}

func sendTask(wg *sync.WaitGroup, lock bool, values chan<- int64, i int64) {
	defer wg.Done()
	if lock {
		runtime.LockOSThread()
	}
	values <- i
}

func collect(values <-chan int64, n int, total chan<- int64) {
	var sum int64
	for range n {
		sum += <-values
	}
	total <- sum
}

// observeSpawnEnd reads the thread and goroutine counts and VmRSS once,
// when every task has been started.
func observeSpawnEnd() Outcome {
	t0 := time.Now()
	threads, rss := int64(-1), int64(-1)
	if st, err := ReadStatus(); err == nil {
		threads, rss = st.Threads, st.VmRSSKB
	}
	g := runtime.NumGoroutine()
	return Outcome{ThreadsAtSpawnEnd: threads, RSSAtSpawnEndKB: rss, GoroutinesAtSpawnEnd: g, StatusReadNS: int64(time.Since(t0))}
}
