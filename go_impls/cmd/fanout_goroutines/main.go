// Command fanout_goroutines is the `goroutines` variant of the fanout
// workload: one goroutine per task, joined with a sync.WaitGroup.
package main

import (
	"xlbench/internal/driver"
	"xlbench/internal/fanout"
)

func main() {
	driver.MainSpawn(driver.SpawnVariant{
		Name:           "goroutines",
		Library:        "runtime",
		LibraryVersion: driver.ModuleVersion(""),
		Backend:        "goroutines + sync.WaitGroup",
		Run:            fanout.Spawn(false),
	})
}
