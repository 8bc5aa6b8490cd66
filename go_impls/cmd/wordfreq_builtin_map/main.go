// Command wordfreq_builtin_map is the `builtin_map` variant of the wordfreq
// workload: a map[string]int, the Go baseline and the checksum reference.
package main

import (
	"xlbench/internal/driver"
	"xlbench/internal/wordfreq"
)

func main() {
	driver.Main(driver.Variant{
		Name:           "builtin_map",
		Library:        "builtin map",
		LibraryVersion: driver.ModuleVersion(""),
		Backend:        "map[string]int (runtime swiss map), strings.ToLower copy, substring keys",
		Setup:          wordfreq.Setup(wordfreq.CountBuiltinMap),
	})
}
