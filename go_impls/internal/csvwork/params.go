package csvwork

import (
	"fmt"
	"slices"
)

// Params are the request's params for the csv workload.
type Params struct {
	Key        string   // the column whose bytes group the records
	IntColumns []string // the int columns aggregated, in output order
}

// ParseParams validates the request's params object: header (true), key
// and int_columns, each required.
func ParseParams(m map[string]any) (Params, error) {
	var p Params
	h, ok := m["header"]
	if !ok {
		return p, fmt.Errorf("params.header: missing (want true)")
	}
	if b, ok := h.(bool); !ok || !b {
		return p, fmt.Errorf("params.header: only true is supported, got %v", h)
	}
	k, ok := m["key"].(string)
	if !ok || k == "" {
		return p, fmt.Errorf("params.key: want a non-empty string, got %v", m["key"])
	}
	p.Key = k
	cols, ok := m["int_columns"].([]any)
	if !ok {
		return p, fmt.Errorf("params.int_columns: want an array of strings, got %v", m["int_columns"])
	}
	for i, c := range cols {
		s, ok := c.(string)
		if !ok || s == "" {
			return p, fmt.Errorf("params.int_columns[%d]: want a non-empty string, got %v", i, c)
		}
		p.IntColumns = append(p.IntColumns, s)
	}
	return p, nil
}

// columns resolves the key and int columns against a header record (first
// occurrence of a name wins).
func (p Params) columns(header []string) (key int, ints []int, err error) {
	find := func(name string) (int, error) {
		if i := slices.Index(header, name); i >= 0 {
			return i, nil
		}
		return 0, fmt.Errorf("column %q not in the header %q", name, header)
	}
	if key, err = find(p.Key); err != nil {
		return 0, nil, err
	}
	ints = make([]int, len(p.IntColumns))
	for i, c := range p.IntColumns {
		if ints[i], err = find(c); err != nil {
			return 0, nil, err
		}
	}
	return key, ints, nil
}
