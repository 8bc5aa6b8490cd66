package wordfreq

import (
	"fmt"

	"xlbench/internal/driver"
)

// Mode is the workload's only mode.
const Mode = "count"

// Count is one variant's operation: count the words of the whole text and
// reduce the counts to a Summary.
type Count func(text string) Summary

// Sink keeps the latest result reachable so the work cannot be optimised
// away.
var Sink Summary

// Op is one wordfreq operation on a text generated once at setup.
type Op struct {
	text  string
	count Count
	last  Summary
}

// NewOp prepares the operation of count on the text of p (generated here,
// untimed).
func NewOp(count Count, mode string, p Params) (*Op, error) {
	if mode != Mode {
		return nil, fmt.Errorf("unknown mode %q (want %s)", mode, Mode)
	}
	return &Op{text: string(Generate(p)), count: count}, nil
}

// Run is the timed operation.
func (o *Op) Run() {
	o.last = o.count(o.text)
	Sink = o.last
}

// Check is the checksum of the latest result.
func (o *Op) Check() (map[string]int64, error) { return o.last.Checksum(), nil }

// Text is the generated text.
func (o *Op) Text() string { return o.text }

// Setup returns a driver setup function for a variant's Count. The input is
// a parameter point: input.path and input.bytes are not read.
func Setup(count Count) func(driver.Request) (driver.Op, error) {
	return func(req driver.Request) (driver.Op, error) {
		if req.Workload != "wordfreq" {
			return nil, fmt.Errorf("workload %q: this variant runs only \"wordfreq\"", req.Workload)
		}
		p, err := ParseParams(req.Params)
		if err != nil {
			return nil, err
		}
		return NewOp(count, req.Mode, p)
	}
}
