package jsonwork_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"xlbench/internal/driver"
	"xlbench/internal/jsonwork"
	"xlbench/internal/testutil"
)

// writeRequest writes an input file and a protocol request for it.
func writeRequest(t *testing.T, input, mode, schema string, bytesField int) string {
	t.Helper()
	return testutil.WriteRequest(t, "in.json", input, func(in string) string {
		return fmt.Sprintf(`{"protocol":1,"workload":"json","mode":%q,
		"input":{"name":"t","path":%q,"schema":%q,"bytes":%d},"params":{},
		"warmup_ms":5,"samples":2,"min_sample_ms":1,"threads":1}`, mode, in, schema, bytesField)
	})
}

func execute(t *testing.T, reqPath string) (int, []map[string]any) {
	t.Helper()
	return testutil.Execute(t, driver.Variant{Name: "encoding_json", Library: "encoding/json", Setup: jsonwork.Setup(json.Unmarshal)}, reqPath)
}

func TestSetupEndToEnd(t *testing.T) {
	code, lines := execute(t, writeRequest(t, orderA, "typed", "order", len(orderA)))
	if code != 0 || len(lines) != 6 {
		t.Fatalf("code %d lines %v", code, lines)
	}
	sum := lines[1]["checksum"].(map[string]any)
	if lines[1]["type"] != "check" || sum["qty"] != 6.0 || sum["name_bytes"] != 10.0 {
		t.Fatalf("check line %v", lines[1])
	}
}

func TestSetupErrors(t *testing.T) {
	cases := []struct {
		req, want string
	}{
		{writeRequest(t, orderA, "typed", "order", len(orderA)+1), "request says"},
		{writeRequest(t, orderA, "typed", "nope", len(orderA)), "unknown schema"},
		{writeRequest(t, orderA, "both", "order", len(orderA)), "unknown mode"},
		{writeRequest(t, `{"id":"x"}`, "typed", "order", 10), "check operation"},
	}
	for _, c := range cases {
		code, lines := execute(t, c.req)
		last := lines[len(lines)-1]
		if code != 1 || last["type"] != "error" || !strings.Contains(last["message"].(string), c.want) {
			t.Errorf("want error containing %q, got code %d, %v", c.want, code, last)
		}
	}
}
