// Command logscan_regexp is the Go variant of the logscan workload: the
// standard library's regexp, run under the xlbench batch protocol.
package main

import (
	"fmt"
	"os"

	"example.com/logscan"
)

func main() {
	runMain("regexp", "regexp", "regexp", func(req request) (func() map[string]int64, error) {
		if req.workload != "logscan" || req.mode != "scan" {
			return nil, fmt.Errorf("unknown workload/mode %s/%s (want logscan/scan)", req.workload, req.mode)
		}
		data, err := os.ReadFile(req.inputPath) // read once, outside timing
		if err != nil {
			return nil, err
		}
		return func() map[string]int64 { return logscan.Scan(data) }, nil
	})
}
