// Package jsonwork is the Go side of the `json` workload: typed shapes,
// checksums and the operation shared by every Go JSON variant.
package jsonwork

import (
	"fmt"
	"os"

	"xlbench/internal/driver"
)

// Unmarshal is the only per-library part: a library's Unmarshal function.
type Unmarshal func(data []byte, v any) error

// Sink keeps the latest result reachable so the parse cannot be optimised
// away.
var Sink any

// schema binds a typed root to its checksum.
type schema struct {
	newValue func() any // a fresh pointer to the root struct
	checksum func(v any) map[string]int64
}

func typed[T any](sum func(*T) map[string]int64) schema {
	return schema{
		newValue: func() any { return new(T) },
		checksum: func(v any) map[string]int64 { return sum(v.(*T)) },
	}
}

var schemas = map[string]schema{
	"order":   typed(OrderChecksum),
	"orders":  typed(OrdersChecksum),
	"twitter": typed(TwitterChecksum),
	"citm":    typed(CitmChecksum),
}

// Op is one JSON operation: copy the input into a reused scratch buffer
// (charged to every variant, see docs/protocol.md), then parse the scratch
// buffer into a fresh value.
type Op struct {
	input, scratch []byte
	unmarshal      Unmarshal
	dom            bool
	schema         schema
	last           any
	err            error
}

// NewOp prepares an operation for mode "typed" (with schema) or "dom".
func NewOp(mode, schemaName string, input []byte, u Unmarshal) (*Op, error) {
	op := &Op{input: input, scratch: make([]byte, len(input)), unmarshal: u}
	switch mode {
	case "dom":
		op.dom = true
	case "typed":
		s, ok := schemas[schemaName]
		if !ok {
			return nil, fmt.Errorf("unknown schema %q (want order, orders, twitter or citm)", schemaName)
		}
		op.schema = s
	default:
		return nil, fmt.Errorf("unknown mode %q (want typed or dom)", mode)
	}
	return op, nil
}

// Run is the timed operation.
func (o *Op) Run() {
	copy(o.scratch, o.input)
	if o.dom {
		var v any
		o.err = o.unmarshal(o.scratch, &v)
		o.last = v
	} else {
		v := o.schema.newValue()
		o.err = o.unmarshal(o.scratch, v)
		o.last = v
	}
	Sink = o.last
}

// Check reduces the latest result to the mode's checksum.
func (o *Op) Check() (map[string]int64, error) {
	if o.err != nil {
		return nil, o.err
	}
	if o.dom {
		return JSONStats(o.last)
	}
	return o.schema.checksum(o.last), nil
}

// Setup returns a driver setup function for a library.
func Setup(u Unmarshal) func(driver.Request) (driver.Op, error) {
	return func(req driver.Request) (driver.Op, error) {
		if req.Workload != "json" {
			return nil, fmt.Errorf("workload %q: this variant runs only \"json\"", req.Workload)
		}
		input, err := os.ReadFile(req.Input.Path)
		if err != nil {
			return nil, fmt.Errorf("reading input: %w", err)
		}
		if int64(len(input)) != req.Input.Bytes {
			return nil, fmt.Errorf("input %s has %d bytes, request says %d", req.Input.Path, len(input), req.Input.Bytes)
		}
		return NewOp(req.Mode, req.Input.Schema, input, u)
	}
}
