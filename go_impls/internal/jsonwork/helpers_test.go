package jsonwork_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"
	jsoniter "github.com/json-iterator/go"

	"xlbench/internal/jsonwork"
)

// libs mirrors the Unmarshal each cmd/json_* main passes to jsonwork.Setup.
var libs = []struct {
	name      string
	unmarshal jsonwork.Unmarshal
}{
	{"encoding_json", json.Unmarshal},
	{"jsoniter", jsoniter.ConfigCompatibleWithStandardLibrary.Unmarshal},
	{"go_json", gojson.Unmarshal},
	{"sonic", sonic.Unmarshal},
}

// dataFile finds a file of the shared data directory, or skips the test.
func dataFile(t testing.TB, rel string) []byte {
	t.Helper()
	dir := os.Getenv("XLBENCH_DATA_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "data")
	}
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Skipf("data file %s not available: %v", rel, err)
	}
	return b
}

// runOnce does one operation the way a variant does and returns its checksum.
func runOnce(t testing.TB, mode, schema string, input []byte, u jsonwork.Unmarshal) map[string]int64 {
	t.Helper()
	op, err := jsonwork.NewOp(mode, schema, input, u)
	if err != nil {
		t.Fatal(err)
	}
	op.Run()
	sum, err := op.Check()
	if err != nil {
		t.Fatalf("%s/%s: %v", mode, schema, err)
	}
	return sum
}

type aggregate struct{ Key, Op, Path string }

// workloadAggregates reads checksum.typed.schemas from workload.json, the
// definition the harness evaluates.
func workloadAggregates(t testing.TB) map[string][]aggregate {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "workloads", "json", "workload.json"))
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		Checksum struct {
			Typed struct {
				Schemas map[string][]aggregate
			}
		}
	}
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	return w.Checksum.Typed.Schemas
}

// pathChecksum evaluates the workload's json_paths rule over a generic
// parse, independently of the typed structs.
func pathChecksum(t testing.TB, input []byte, aggs []aggregate) map[string]int64 {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(input))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, a := range aggs {
		var acc int64
		for _, v := range reach([]any{root}, a.Path) {
			switch a.Op {
			case "count":
				if v != nil {
					acc++
				}
			case "sum":
				if n, ok := v.(json.Number); ok {
					if i, err := n.Int64(); err == nil {
						acc += i
					}
				}
			case "bytes":
				if s, ok := v.(string); ok {
					acc += int64(len(s))
				}
			default:
				t.Fatalf("unknown op %q", a.Op)
			}
		}
		out[a.Key] = acc
	}
	return out
}

func reach(vals []any, path string) []any {
	for _, seg := range strings.Split(path, ".") {
		key, each := strings.CutSuffix(seg, "[*]")
		var next []any
		for _, v := range vals {
			obj, ok := v.(map[string]any)
			if !ok {
				continue
			}
			if key == "*" {
				for _, e := range obj {
					next = append(next, e)
				}
			} else if e, ok := obj[key]; ok {
				next = append(next, e)
			}
		}
		if each {
			var elems []any
			for _, v := range next {
				if arr, ok := v.([]any); ok {
					elems = append(elems, arr...)
				}
			}
			next = elems
		}
		vals = next
	}
	return vals
}
