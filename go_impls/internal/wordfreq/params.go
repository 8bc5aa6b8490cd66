// Package wordfreq is the Go side of the `wordfreq` workload
// (workloads/wordfreq/README.md): the text generator, the tokeniser, the
// summary every variant reduces its counts to, and the operation the driver
// times.
package wordfreq

import (
	"encoding/json"
	"fmt"
)

// MaxWords bounds params.words and params.vocabulary: the Rust variants
// count in u32, so no count may exceed it.
const MaxWords = 1<<32 - 1

// Params are the request's params for the wordfreq workload.
type Params struct {
	Seed       uint64 // splitmix64 seed
	Words      int    // words in the text
	Vocabulary int    // distinct vocabulary entries the words are drawn from
}

// ParseParams validates the request's params object: seed (>= 0), words
// (0..MaxWords) and vocabulary (1..MaxWords), each a required integer.
func ParseParams(m map[string]any) (Params, error) {
	var p Params
	seed, err := integer(m, "seed", 0, 1<<63-1)
	if err != nil {
		return p, err
	}
	words, err := integer(m, "words", 0, MaxWords)
	if err != nil {
		return p, err
	}
	vocab, err := integer(m, "vocabulary", 1, MaxWords)
	if err != nil {
		return p, err
	}
	return Params{Seed: uint64(seed), Words: int(words), Vocabulary: int(vocab)}, nil
}

// integer reads an integer param in [lo, hi]. The driver decodes numbers as
// json.Number, so 3.0 and 1e3 are rejected like 1.5.
func integer(m map[string]any, name string, lo, hi int64) (int64, error) {
	v, ok := m[name]
	if !ok {
		return 0, fmt.Errorf("params.%s: missing (want an integer in %d..%d)", name, lo, hi)
	}
	var i int64
	switch v := v.(type) {
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			return 0, fmt.Errorf("params.%s: want an integer in %d..%d, got %s", name, lo, hi, v)
		}
		i = n
	case int:
		i = int64(v)
	case int64:
		i = v
	default:
		return 0, fmt.Errorf("params.%s: want an integer in %d..%d, got %v (%T)", name, lo, hi, v, v)
	}
	if i < lo || i > hi {
		return 0, fmt.Errorf("params.%s: must be in %d..%d, got %d", name, lo, hi, i)
	}
	return i, nil
}
