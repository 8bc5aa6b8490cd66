// Command json_go_json is the `go_json` variant of the json workload.
package main

import (
	gojson "github.com/goccy/go-json"

	"xlbench/internal/driver"
	"xlbench/internal/jsonwork"
)

func main() {
	driver.Main(driver.Variant{
		Name:           "go_json",
		Library:        "goccy/go-json",
		LibraryVersion: driver.ModuleVersion("github.com/goccy/go-json"),
		Backend:        "goccy/go-json",
		Setup:          jsonwork.Setup(gojson.Unmarshal),
	})
}
