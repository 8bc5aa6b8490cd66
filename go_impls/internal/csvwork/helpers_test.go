package csvwork_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"xlbench/internal/csvwork"
)

// libs mirrors the Library each cmd/csv_* main passes to csvwork.Setup.
var libs = []struct {
	name  string
	lib   csvwork.Library
	typed bool // serves only the schemas nfl and sales
}{
	{"encoding_csv", csvwork.EncodingCSV, false},
	{"csvutil", csvwork.CSVUtil, true},
}

var (
	nflParams   = csvwork.Params{Key: "off", IntColumns: []string{"ydline", "togo", "offscore", "defscore"}}
	salesParams = csvwork.Params{Key: "store", IntColumns: []string{"quantity", "price_cents", "discount_pct"}}
)

// run does one operation the way a variant does and returns the canonical
// text and checksum.
func run(t testing.TB, lib csvwork.Library, schema string, p csvwork.Params, input []byte) (string, map[string]int64) {
	t.Helper()
	op, err := csvwork.NewOp(lib, "memory", schema, p, input)
	if err != nil {
		t.Fatal(err)
	}
	op.Run()
	sum, err := op.Check()
	if err != nil {
		t.Fatalf("%s: %v", schema, err)
	}
	return string(csvwork.Canonical(op.Last())), sum
}

// parseParams reads a params object as the driver hands it over.
func parseParams(t testing.TB, data []byte) csvwork.Params {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	p, err := csvwork.ParseParams(m)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// dataFile reads a file of the shared data directory: $XLBENCH_DATA_DIR, else
// the first shared/data found walking up from the package directory. It
// skips the test when the file is absent.
func dataFile(t testing.TB, rel string) []byte {
	t.Helper()
	dir := os.Getenv("XLBENCH_DATA_DIR")
	if dir == "" {
		d, err := filepath.Abs(".")
		if err != nil {
			t.Fatal(err)
		}
		for {
			if st, err := os.Stat(filepath.Join(d, "shared", "data")); err == nil && st.IsDir() {
				dir = filepath.Join(d, "shared", "data")
				break
			}
			parent := filepath.Dir(d)
			if parent == d {
				t.Skipf("no shared/data above the package directory for %s", rel)
			}
			d = parent
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Skipf("data file %s not available: %v", rel, err)
	}
	return b
}
