// Command fanout_os_threads is the `os_threads` variant of the fanout
// workload (the reference): goroutines that call runtime.LockOSThread first
// and never unlock, so each holds an OS thread while it works and its thread
// exits with it.
package main

import (
	"xlbench/internal/driver"
	"xlbench/internal/fanout"
)

func main() {
	driver.MainSpawn(driver.SpawnVariant{
		Name:           "os_threads",
		Library:        "runtime.LockOSThread",
		LibraryVersion: driver.ModuleVersion(""),
		Backend:        "goroutines + runtime.LockOSThread + sync.WaitGroup",
		Run:            fanout.Spawn(true),
	})
}
