// Package csvwork is the Go side of the `csv` workload
// (workloads/csv/README.md): the aggregation, its canonical output text and
// checksum, the parse of each Go variant, and the operation the driver times.
package csvwork

import (
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
)

// Col aggregates one int column of one group. Min and Max stay 0 while
// N is 0, which is what the canonical text prints for an empty column.
type Col struct{ N, Sum, Min, Max int64 }

// Group is one key's aggregate: its record count and one Col per
// params.int_columns entry, in that order.
type Group struct {
	Count int64
	Cols  []Col
}

// Result is the outcome of one operation.
type Result struct {
	Groups  map[string]*Group // keyed by the key field's bytes
	Rows    int64             // records aggregated
	BadRows int64             // records skipped for a wrong field count
	nCols   int
}

// NewResult starts an empty aggregate over nCols int columns.
func NewResult(nCols int) *Result {
	return &Result{Groups: make(map[string]*Group), nCols: nCols}
}

// Add counts one well-formed record under key and returns its group, for the
// caller to feed the int column values to with Group.Value.
//
// key may alias a reused parse buffer: the lookup does not allocate, and the
// key is copied only when a new group is inserted.
func (r *Result) Add(key string) *Group {
	r.Rows++
	g, ok := r.Groups[key]
	if !ok {
		g = &Group{Cols: make([]Col, r.nCols)}
		r.Groups[strings.Clone(key)] = g
	}
	g.Count++
	return g
}

// Value adds the text of int column i if it parses by ParseInt; anything
// else (empty, spaces, too many digits, ...) is skipped.
func (g *Group) Value(i int, field string) {
	v, ok := ParseInt(field)
	if !ok {
		return
	}
	c := &g.Cols[i]
	if c.N == 0 {
		c.Min, c.Max = v, v
	} else {
		c.Min = min(c.Min, v)
		c.Max = max(c.Max, v)
	}
	c.N++
	c.Sum += v // int64 wraps on overflow, as specified
}

// ParseInt is the workload's integer rule: an optional '-' or '+' followed
// by 1 to 18 ASCII digits and nothing else. 18 digits cannot overflow int64.
func ParseInt(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + int64(d)
	}
	if neg {
		v = -v
	}
	return v, true
}

// Canonical is the workload's output text: groups sorted by key bytes,
// "key\tcount" then "\tn\tsum\tmin\tmax" per int column, then the
// "rows\tR\tbad_rows\tB" line, every line ending in "\n".
func Canonical(r *Result) []byte {
	keys := make([]string, 0, len(r.Groups))
	for k := range r.Groups {
		keys = append(keys, k)
	}
	slices.Sort(keys) // Go compares strings bytewise, unsigned
	var b []byte
	for _, k := range keys {
		g := r.Groups[k]
		b = append(b, k...)
		b = appendField(b, g.Count)
		for _, c := range g.Cols {
			b = appendField(b, c.N)
			b = appendField(b, c.Sum)
			b = appendField(b, c.Min)
			b = appendField(b, c.Max)
		}
		b = append(b, '\n')
	}
	b = append(b, "rows"...)
	b = appendField(b, r.Rows)
	b = append(b, "\tbad_rows"...)
	b = appendField(b, r.BadRows)
	return append(b, '\n')
}

func appendField(b []byte, v int64) []byte {
	return strconv.AppendInt(append(b, '\t'), v, 10)
}

// Checksum is the `check` line of the workload: counts plus the length and
// 64-bit FNV-1a hash (bits read as int64) of the canonical text.
func Checksum(r *Result) map[string]int64 {
	text := Canonical(r)
	h := fnv.New64a()
	h.Write(text)
	return map[string]int64{
		"groups":       int64(len(r.Groups)),
		"rows":         r.Rows,
		"bad_rows":     r.BadRows,
		"output_bytes": int64(len(text)),
		"output_fnv1a": int64(h.Sum64()),
	}
}
