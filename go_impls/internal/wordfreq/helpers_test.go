package wordfreq_test

import "xlbench/internal/wordfreq"

// counts mirrors the Count each cmd/wordfreq_* main passes to
// wordfreq.Setup.
var counts = []struct {
	name  string
	count wordfreq.Count
}{
	{"builtin_map", wordfreq.CountBuiltinMap},
}
