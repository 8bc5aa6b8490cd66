package csvwork_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtureDir = "../../../workloads/csv/fixtures"

// TestFixtures: every fixture's canonical text equals its hand-computed
// .expected byte for byte (the cross-language test on edge cases). The
// fixtures have no typed schema, so only the untyped variant applies; the
// typed one is held to the same cases in TestTypedMatchesUntyped.
func TestFixtures(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join(fixtureDir, "*.csv"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no fixtures in %s (%v)", fixtureDir, err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".csv")
		t.Run(name, func(t *testing.T) {
			input := readFile(t, in)
			params := readFile(t, filepath.Join(fixtureDir, name+".params.json"))
			want := string(readFile(t, filepath.Join(fixtureDir, name+".expected")))
			got, sum := run(t, libs[0].lib, name, parseParams(t, params), input)
			if got != want {
				t.Errorf("canonical text\n got %q\nwant %q", got, want)
			}
			if sum["output_bytes"] != int64(len(want)) {
				t.Errorf("output_bytes %d, want %d", sum["output_bytes"], len(want))
			}
			t.Logf("checksum %v", sum)
		})
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
