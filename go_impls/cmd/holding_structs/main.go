// Command holding_structs is the `structs` variant of the holding workload:
// encoding/json into typed structs, every document kept in one slice.
package main

import (
	"xlbench/internal/driver"
	"xlbench/internal/holding"
)

func main() {
	driver.MainSpawn(driver.SpawnVariant{
		Name:           "structs",
		Library:        "encoding/json",
		LibraryVersion: driver.ModuleVersion(""),
		Backend:        "encoding/json into structs, bufio.Scanner lines",
		Run:            holding.Run,
	})
}
