package csvwork_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xlbench/internal/csvwork"
	"xlbench/internal/testutil"
)

// BenchmarkCSV runs the variants' exact operation (parse + aggregate of the
// in-memory input) under `go test -bench`, to cross-check the driver's
// numbers:
//
//	XLBENCH_BENCH_INPUT=/path/nfl.csv \
//	XLBENCH_BENCH_PARAMS='{"header":true,"key":"off","int_columns":["ydline","togo","offscore","defscore"]}' \
//	  go test -run '^$' -bench CSV ./internal/csvwork
//
// The schema (for the typed variant) is $XLBENCH_BENCH_SCHEMA, else the
// input's base name without extension (nfl.csv -> nfl); the typed variant is
// skipped for other schemas.
func BenchmarkCSV(b *testing.B) {
	path, params := os.Getenv("XLBENCH_BENCH_INPUT"), os.Getenv("XLBENCH_BENCH_PARAMS")
	if path == "" || params == "" {
		b.Skip("set XLBENCH_BENCH_INPUT and XLBENCH_BENCH_PARAMS")
	}
	schema := os.Getenv("XLBENCH_BENCH_SCHEMA")
	if schema == "" {
		schema = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	input, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	p := parseParams(b, []byte(params))
	for _, lib := range libs {
		b.Run(lib.name, func(b *testing.B) {
			op, err := csvwork.NewOp(lib.lib, "memory", schema, p, input)
			if err != nil {
				if lib.typed {
					b.Skipf("typed variant: %v", err)
				}
				b.Fatal(err)
			}
			testutil.BenchOp(b, op, len(input))
		})
	}
}
