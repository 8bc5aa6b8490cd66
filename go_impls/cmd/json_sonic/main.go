// Command json_sonic is the `sonic` variant of the json workload.
package main

import (
	"github.com/bytedance/sonic"

	"xlbench/internal/driver"
	"xlbench/internal/jsonwork"
)

func main() {
	driver.Main(driver.Variant{
		Name:           "sonic",
		Library:        "bytedance/sonic",
		LibraryVersion: driver.ModuleVersion("github.com/bytedance/sonic"),
		Backend:        backend(),
		// sonic.Unmarshal (ConfigDefault) copies the buffer into a string
		// first, so results never alias the reused scratch buffer.
		Setup: jsonwork.Setup(sonic.Unmarshal),
	})
}
