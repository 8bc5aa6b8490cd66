package wordfreq_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"xlbench/internal/testutil"
	"xlbench/internal/wordfreq"
)

// BenchmarkWordfreq runs the variants' exact operation under `go test
// -bench`, to cross-check the driver's numbers. The parameter point is
// $XLBENCH_BENCH_PARAMS, else the input text-1m:
//
//	XLBENCH_BENCH_PARAMS='{"seed":7,"words":50000,"vocabulary":5000}' \
//	  go test -run '^$' -bench Wordfreq ./internal/wordfreq
func BenchmarkWordfreq(b *testing.B) {
	params := os.Getenv("XLBENCH_BENCH_PARAMS")
	if params == "" {
		params = `{"seed":7,"words":1000000,"vocabulary":20000}`
	}
	dec := json.NewDecoder(strings.NewReader(params))
	dec.UseNumber() // as the driver hands params over
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		b.Fatal(err)
	}
	p, err := wordfreq.ParseParams(m)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range counts {
		b.Run(c.name, func(b *testing.B) {
			op, err := wordfreq.NewOp(c.count, wordfreq.Mode, p)
			if err != nil {
				b.Fatal(err)
			}
			testutil.BenchOp(b, op, len(op.Text()))
		})
	}
}
