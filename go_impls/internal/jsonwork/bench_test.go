package jsonwork_test

import (
	"os"
	"testing"

	"xlbench/internal/jsonwork"
	"xlbench/internal/testutil"
)

// BenchmarkParse runs the variants' exact operation (copy + unmarshal) under
// `go test -bench`, to cross-check the driver's numbers:
//
//	XLBENCH_BENCH_INPUT=/path/twitter.json XLBENCH_BENCH_SCHEMA=twitter \
//	  go test -run '^$' -bench Parse ./internal/jsonwork
func BenchmarkParse(b *testing.B) {
	path, schema := os.Getenv("XLBENCH_BENCH_INPUT"), os.Getenv("XLBENCH_BENCH_SCHEMA")
	if path == "" || schema == "" {
		b.Skip("set XLBENCH_BENCH_INPUT and XLBENCH_BENCH_SCHEMA")
	}
	input, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, lib := range libs {
		for _, mode := range []string{"typed", "dom"} {
			b.Run(lib.name+"/"+mode, func(b *testing.B) {
				op, err := jsonwork.NewOp(mode, schema, input, lib.unmarshal)
				if err != nil {
					b.Fatal(err)
				}
				testutil.BenchOp(b, op, len(input))
			})
		}
	}
}
