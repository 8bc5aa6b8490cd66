package jsonwork_test

import (
	"maps"
	"testing"
)

var dataFiles = []struct{ file, schema string }{
	{"json/twitter.json", "twitter"},
	{"json/citm_catalog.json", "citm"},
}

// TestLibrariesAgreeOnDataFiles: every library gives the same checksum in
// both modes, and the typed one equals workload.json's paths evaluated over
// a generic parse (what the harness does with its own parser).
func TestLibrariesAgreeOnDataFiles(t *testing.T) {
	aggs := workloadAggregates(t)
	for _, f := range dataFiles {
		t.Run(f.schema, func(t *testing.T) {
			input := dataFile(t, f.file)
			wantTyped := pathChecksum(t, input, aggs[f.schema])
			wantDom := runOnce(t, "dom", "", input, libs[0].unmarshal)
			t.Logf("typed %v", wantTyped)
			t.Logf("dom %v", wantDom)
			for _, lib := range libs {
				if got := runOnce(t, "typed", f.schema, input, lib.unmarshal); !maps.Equal(got, wantTyped) {
					t.Errorf("%s typed: got %v, want %v", lib.name, got, wantTyped)
				}
				if got := runOnce(t, "dom", "", input, lib.unmarshal); !maps.Equal(got, wantDom) {
					t.Errorf("%s dom: got %v, want %v", lib.name, got, wantDom)
				}
			}
		})
	}
}
