package jsonwork_test

import (
	"encoding/json"
	"maps"
	"testing"

	"xlbench/internal/jsonwork"
)

func TestJSONStatsInline(t *testing.T) {
	// Escapes check "after unescaping": é is 2 bytes, \n 1, 😀 (a
	// surrogate pair) 4.
	doc := `{"a":[1,2.5,"x\u00e9\n",null],"b":{"c":true,"d\u00e9":false,"\ud83d\ude00":null},"e":"","f":[]}`
	want := map[string]int64{
		"objects": 2, "arrays": 2, "strings": 2, "numbers": 2, "bools": 2, "nulls": 2,
		"members":      4 + 3,
		"elements":     4,
		"string_bytes": 4,             // "xé\n" + ""
		"key_bytes":    4 + 1 + 3 + 4, // a b e f, c, dé, 😀
	}
	for _, lib := range libs {
		if got := runOnce(t, "dom", "", []byte(doc), lib.unmarshal); !maps.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", lib.name, got, want)
		}
	}
}

func TestJSONStatsScalarRoots(t *testing.T) {
	cases := map[string]map[string]int64{
		`"abc"`: {"strings": 1, "string_bytes": 3},
		`null`:  {"nulls": 1},
		`-1e3`:  {"numbers": 1},
		`[[]]`:  {"arrays": 2, "elements": 1},
	}
	for doc, nonzero := range cases {
		want := map[string]int64{"objects": 0, "arrays": 0, "strings": 0, "numbers": 0, "bools": 0,
			"nulls": 0, "members": 0, "elements": 0, "string_bytes": 0, "key_bytes": 0}
		for k, v := range nonzero {
			want[k] = v
		}
		for _, lib := range libs {
			if got := runOnce(t, "dom", "", []byte(doc), lib.unmarshal); !maps.Equal(got, want) {
				t.Errorf("%s %s: got %v, want %v", lib.name, doc, got, want)
			}
		}
	}
}

func TestJSONStatsNumberTypes(t *testing.T) {
	got, err := jsonwork.JSONStats([]any{json.Number("1"), int64(2), uint64(3), 4.0})
	if err != nil || got["numbers"] != 4 {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := jsonwork.JSONStats(map[string]any{"x": struct{}{}}); err == nil {
		t.Fatal("unexpected type accepted")
	}
}
