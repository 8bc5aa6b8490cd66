// Command json_encoding_json is the `encoding_json` variant of the json
// workload: the standard library, the Go baseline.
package main

import (
	"encoding/json"

	"xlbench/internal/driver"
	"xlbench/internal/jsonwork"
)

func main() {
	driver.Main(driver.Variant{
		Name:           "encoding_json",
		Library:        "encoding/json",
		LibraryVersion: driver.ModuleVersion(""),
		Backend:        "encoding/json",
		Setup:          jsonwork.Setup(json.Unmarshal),
	})
}
