// Package fanout is the Go side of the fanout workload
// (workloads/fanout/README.md): spawn params.tasks goroutines at once, each
// does its mode's work, wait for all, and report the time and the memory.
// It runs under the spawn protocol (driver.RunSpawn).
package fanout

import (
	"encoding/json"
	"fmt"
	"math"
)

// Modes of the workload.
const (
	ModeSleep   = "sleep"
	ModeChannel = "channel"
	ModeCompute = "compute"
	ModeHold    = "hold"
)

// Params are the request's params for the fanout workload.
type Params struct {
	Tasks   int   // tasks spawned at once (0: the baseline run)
	SleepMS int64 // sleep mode: how long each task sleeps
	Rounds  int64 // compute mode: splitmix64 outputs per task
}

// ParseParams validates the request's params object: tasks, sleep_ms and
// rounds, each a required non-negative integer (every input of
// workload.json gives all three).
func ParseParams(m map[string]any) (Params, error) {
	var p Params
	tasks, err := nonNegative(m, "tasks")
	if err != nil {
		return p, err
	}
	if tasks > math.MaxInt32 {
		return p, fmt.Errorf("params.tasks: %d is more than this variant supports (%d)", tasks, math.MaxInt32)
	}
	p.Tasks = int(tasks)
	if p.SleepMS, err = nonNegative(m, "sleep_ms"); err != nil {
		return p, err
	}
	if p.Rounds, err = nonNegative(m, "rounds"); err != nil {
		return p, err
	}
	return p, nil
}

// nonNegative reads an integer param. The driver decodes numbers as
// json.Number, so 3.0 and 1e3 are rejected like 1.5.
func nonNegative(m map[string]any, name string) (int64, error) {
	v, ok := m[name]
	if !ok {
		return 0, fmt.Errorf("params.%s: missing (want a non-negative integer)", name)
	}
	var i int64
	switch v := v.(type) {
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			return 0, fmt.Errorf("params.%s: want a non-negative integer, got %s", name, v)
		}
		i = n
	case int:
		i = int64(v)
	case int64:
		i = v
	default:
		return 0, fmt.Errorf("params.%s: want a non-negative integer, got %v (%T)", name, v, v)
	}
	if i < 0 {
		return 0, fmt.Errorf("params.%s: must be >= 0, got %d", name, i)
	}
	return i, nil
}
