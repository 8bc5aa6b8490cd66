package csvwork

import (
	"fmt"
	"os"

	"xlbench/internal/driver"
)

// Parse is one variant's operation: parse the whole in-memory input and
// aggregate it.
type Parse func(input []byte) (*Result, error)

// Library prepares a variant's Parse for an input's schema and params, or
// rejects them (untimed).
type Library func(schema string, p Params) (Parse, error)

// Sink keeps the latest result reachable so the work cannot be optimised
// away.
var Sink *Result

// Op is one csv operation on an input read once at setup. The canonical
// text and its hash are computed by Check, outside the timed region.
type Op struct {
	input []byte
	parse Parse
	last  *Result
	err   error
}

// NewOp prepares the operation of library lib for mode "memory".
func NewOp(lib Library, mode, schema string, p Params, input []byte) (*Op, error) {
	if mode != "memory" {
		return nil, fmt.Errorf("unknown mode %q (want memory)", mode)
	}
	parse, err := lib(schema, p)
	if err != nil {
		return nil, err
	}
	return &Op{input: input, parse: parse}, nil
}

// Run is the timed operation.
func (o *Op) Run() {
	o.last, o.err = o.parse(o.input)
	Sink = o.last
}

// Check reduces the latest result to the workload's checksum.
func (o *Op) Check() (map[string]int64, error) {
	if o.err != nil {
		return nil, o.err
	}
	return Checksum(o.last), nil
}

// Last is the result of the latest Run (nil after a failed one).
func (o *Op) Last() *Result { return o.last }

// Setup returns a driver setup function for a library.
func Setup(lib Library) func(driver.Request) (driver.Op, error) {
	return func(req driver.Request) (driver.Op, error) {
		if req.Workload != "csv" {
			return nil, fmt.Errorf("workload %q: this variant runs only \"csv\"", req.Workload)
		}
		p, err := ParseParams(req.Params)
		if err != nil {
			return nil, err
		}
		input, err := os.ReadFile(req.Input.Path)
		if err != nil {
			return nil, fmt.Errorf("reading input: %w", err)
		}
		if int64(len(input)) != req.Input.Bytes {
			return nil, fmt.Errorf("input %s has %d bytes, request says %d", req.Input.Path, len(input), req.Input.Bytes)
		}
		return NewOp(lib, req.Mode, req.Input.Schema, p, input)
	}
}
