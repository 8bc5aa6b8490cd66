// Command json_jsoniter is the `jsoniter` variant of the json workload.
package main

import (
	jsoniter "github.com/json-iterator/go"

	"xlbench/internal/driver"
	"xlbench/internal/jsonwork"
)

func main() {
	driver.Main(driver.Variant{
		Name:           "jsoniter",
		Library:        "json-iterator/go",
		LibraryVersion: driver.ModuleVersion("github.com/json-iterator/go"),
		// The drop-in replacement config its docs lead with; ConfigFastest
		// changes float precision and skips HTML escaping, i.e. other results.
		Backend: "jsoniter ConfigCompatibleWithStandardLibrary",
		Setup:   jsonwork.Setup(jsoniter.ConfigCompatibleWithStandardLibrary.Unmarshal),
	})
}
