package wordfreq_test

import (
	"testing"

	"xlbench/internal/wordfreq"
)

func TestFNV1a32(t *testing.T) {
	for s, want := range map[string]uint32{"": 0x811c9dc5, "a": 0xe40c292c, "foobar": 0xbf9cf968} {
		if got := wordfreq.FNV1a32(s); got != want {
			t.Errorf("FNV1a32(%q) = %#x, want %#x", s, got, want)
		}
	}
}

func TestTokenise(t *testing.T) {
	cases := []struct {
		text string
		want wordfreq.Summary
	}{
		{"", wordfreq.Summary{}},
		{" ,.\n\t123 '-' \n", wordfreq.Summary{}},
		// Capitals fold, punctuation, digits, quotes and hyphens split.
		{"Hello, hello.WORLD  a-b\n\tAB ab 'x' 123 x9y",
			wordfreq.Summary{Words: 10, Distinct: 7, MaxCount: 2, Letters: 24, Fingerprint: 26615583888}},
		// The bytes either side of A-Z and a-z are separators.
		{"@A[Z`a{z", wordfreq.Summary{Words: 4, Distinct: 2, MaxCount: 2, Letters: 4, Fingerprint: 16210000306}},
		{"Zz", wordfreq.Summary{Words: 1, Distinct: 1, MaxCount: 1, Letters: 2,
			Fingerprint: int64(wordfreq.FNV1a32("zz"))}},
	}
	for _, c := range cases {
		for _, v := range counts {
			if got := v.count(c.text); got != c.want {
				t.Errorf("%s(%q) = %+v, want %+v", v.name, c.text, got, c.want)
			}
		}
	}
}

func TestNextToken(t *testing.T) {
	s := "..ab1Cd"
	if start, end := wordfreq.NextToken(s, 0); s[start:end] != "ab" {
		t.Errorf("first token %q", s[start:end])
	}
	if start, end := wordfreq.NextToken(s, 4); s[start:end] != "Cd" {
		t.Errorf("second token %q", s[start:end])
	}
	if start, end := wordfreq.NextToken(s, 7); start != 7 || end != 7 {
		t.Errorf("past the end: %d, %d", start, end)
	}
}

func TestSummarizerWraps(t *testing.T) {
	// Counts up to MaxWords: the fingerprint is taken mod 2^52 of the
	// wrapping 64-bit sum, every value stays below 2^53.
	var z wordfreq.Summarizer
	z.Add("hello", wordfreq.MaxWords)
	z.Add("world", wordfreq.MaxWords)
	got := z.Summary()
	want := wordfreq.Summary{Words: 2 * wordfreq.MaxWords, Distinct: 2, MaxCount: wordfreq.MaxWords,
		Letters: 10 * wordfreq.MaxWords, Fingerprint: 867778692967106}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for k, v := range got.Checksum() {
		if v < 0 || v >= 1<<53 {
			t.Errorf("%s = %d out of [0, 2^53)", k, v)
		}
	}
}
