package wordfreq

import "strings"

// FingerprintMask keeps the fingerprint below 2^52.
const FingerprintMask = 1<<52 - 1

// Summary is what one operation reduces its counts to; every field is the
// checksum key of the same name.
type Summary struct {
	Words       int64 // tokens
	Distinct    int64 // distinct tokens
	MaxCount    int64 // the highest count of one token
	Letters     int64 // sum of token lengths
	Fingerprint int64 // sum of fnv1a32(token) * count(token) over distinct tokens, mod 2^52
}

// Checksum is the check line's checksum object.
func (s Summary) Checksum() map[string]int64 {
	return map[string]int64{
		"words":       s.Words,
		"distinct":    s.Distinct,
		"max_count":   s.MaxCount,
		"letters":     s.Letters,
		"fingerprint": s.Fingerprint,
	}
}

// FNV1a32 is the 32-bit FNV-1a hash of s (offset basis 2166136261, prime
// 16777619).
func FNV1a32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// Summarizer folds (token, count) pairs, one per distinct token in any
// order, into a Summary.
type Summarizer struct {
	words, distinct, maxCount, letters, fp uint64
}

// Add folds one distinct token and its count.
func (z *Summarizer) Add(token string, count uint64) {
	z.words += count
	z.distinct++
	z.maxCount = max(z.maxCount, count)
	z.letters += uint64(len(token)) * count
	z.fp += uint64(FNV1a32(token)) * count // wraps mod 2^64; 2^52 divides it
}

// Summary is the fold so far.
func (z *Summarizer) Summary() Summary {
	return Summary{int64(z.words), int64(z.distinct), int64(z.maxCount), int64(z.letters), int64(z.fp & FingerprintMask)}
}

func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }

// Lower is the ASCII-lowercased copy of the text every operation starts
// with (strings.ToLower: one allocation; on ASCII text it changes A-Z only).
func Lower(text string) string { return strings.ToLower(text) }

// NextToken returns the first maximal run of ASCII letters in s at or after
// i, as [start, end); start == end == len(s) when there is none.
func NextToken(s string, i int) (start, end int) {
	for i < len(s) && !isLetter(s[i]) {
		i++
	}
	start = i
	for i < len(s) && isLetter(s[i]) {
		i++
	}
	return start, i
}

// CountBuiltinMap is the operation of variant builtin_map: tokens of the
// lowercased copy, counted in a fresh map[string]int keyed by substrings of
// that copy (no copy per token), then summarised.
func CountBuiltinMap(text string) Summary {
	lower := Lower(text)
	counts := make(map[string]int)
	for i := 0; i < len(lower); {
		start, end := NextToken(lower, i)
		if start < end {
			counts[lower[start:end]]++
		}
		i = end
	}
	var z Summarizer
	for w, n := range counts {
		z.Add(w, uint64(n))
	}
	return z.Summary()
}
