package csvwork_test

import (
	"fmt"
	"strings"
	"testing"

	"xlbench/internal/csvwork"
	"xlbench/internal/driver"
	"xlbench/internal/testutil"
)

type request struct {
	workload, mode, schema, params string
	bytesDelta                     int
}

// writeRequest writes an input file and a protocol request for it.
func writeRequest(t *testing.T, input string, r request) string {
	t.Helper()
	return testutil.WriteRequest(t, "in.csv", input, func(in string) string {
		return fmt.Sprintf(`{"protocol":1,"workload":%q,"mode":%q,
		"input":{"name":"t","path":%q,"schema":%q,"bytes":%d},"params":%s,
		"warmup_ms":5,"samples":2,"min_sample_ms":1,"threads":1}`,
			r.workload, r.mode, in, r.schema, len(input)+r.bytesDelta, r.params)
	})
}

func execute(t *testing.T, lib csvwork.Library, reqPath string) (int, []map[string]any) {
	t.Helper()
	return testutil.Execute(t, driver.Variant{Name: "test", Library: "test", Setup: csvwork.Setup(lib)}, reqPath)
}

const salesJSON = `{"header":true,"key":"store","int_columns":["quantity","price_cents","discount_pct"]}`

func TestSetupEndToEnd(t *testing.T) {
	for _, lib := range libs {
		code, lines := execute(t, lib.lib, writeRequest(t, salesDoc, request{"csv", "memory", "sales", salesJSON, 0}))
		if code != 0 || len(lines) != 6 {
			t.Fatalf("%s: code %d lines %v", lib.name, code, lines)
		}
		sum := lines[1]["checksum"].(map[string]any)
		want := map[string]float64{"groups": 3, "rows": 4, "bad_rows": 1,
			"output_bytes": float64(len(salesWant)), "output_fnv1a": float64(fnv1a(salesWant))}
		for k, v := range want {
			if sum[k] != v {
				t.Errorf("%s: checksum %s = %v, want %v", lib.name, k, sum[k], v)
			}
		}
	}
}

func TestSetupErrors(t *testing.T) {
	cases := []struct {
		lib  csvwork.Library
		r    request
		want string
	}{
		{csvwork.EncodingCSV, request{"json", "memory", "sales", salesJSON, 0}, `runs only "csv"`},
		{csvwork.EncodingCSV, request{"csv", "dom", "sales", salesJSON, 0}, "unknown mode"},
		{csvwork.EncodingCSV, request{"csv", "memory", "sales", salesJSON, 1}, "request says"},
		{csvwork.EncodingCSV, request{"csv", "memory", "sales", `{}`, 0}, "params.header"},
		{csvwork.EncodingCSV, request{"csv", "memory", "sales", `{"header":true,"key":"shop","int_columns":[]}`, 0}, `check operation: column "shop"`},
		{csvwork.CSVUtil, request{"csv", "memory", "edge", salesJSON, 0}, "knows only nfl and sales"},
		{csvwork.CSVUtil, request{"csv", "memory", "sales", `{"header":true,"key":"customer","int_columns":["quantity","price_cents","discount_pct"]}`, 0}, "params ask for key"},
	}
	for _, c := range cases {
		code, lines := execute(t, c.lib, writeRequest(t, salesDoc, c.r))
		last := lines[len(lines)-1]
		if code != 1 || last["type"] != "error" || !strings.Contains(last["message"].(string), c.want) {
			t.Errorf("%v: want error containing %q, got code %d, %v", c.r, c.want, code, last)
		}
	}
}
