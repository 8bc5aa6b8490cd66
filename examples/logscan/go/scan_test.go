package logscan

import (
	"encoding/json"
	"maps"
	"os"
	"testing"
)

// TestExpected checks Scan against expected.json, written by expected.py.
func TestExpected(t *testing.T) {
	data, err := os.ReadFile("../inputs/access.log")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]map[string]map[string]int64
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if got := Scan(data); !maps.Equal(got, want["access-log"]["scan"]) {
		t.Errorf("Scan = %v, want %v", got, want["access-log"]["scan"])
	}
}

func TestEdges(t *testing.T) {
	good := `1.2.3.4 - - [21/May/2024:06:25:03 +0000] "POST /a?b=1 HTTP/1.0" 201 -`
	for _, tc := range []struct {
		in    string
		lines int64
		match int64
	}{
		{"", 0, 0}, {"\n", 1, 0}, {good, 1, 1}, {good + "\n", 1, 1}, {good + "\n\n" + good, 3, 2},
		{" " + good, 1, 0}, {"\t" + good, 1, 1}, {good + "\r\n", 1, 1},
	} {
		got := Scan([]byte(tc.in))
		if got["lines"] != tc.lines || got["matched"] != tc.match {
			t.Errorf("Scan(%q): lines %d matched %d, want %d %d", tc.in, got["lines"], got["matched"], tc.lines, tc.match)
		}
	}
}
