package wordfreq_test

import (
	"hash/fnv"
	"testing"

	"xlbench/internal/wordfreq"
)

// The cross-language constants: rust_impls/xlb_wordfreq/tests/generate.rs
// checks the same values, so both generators make the same bytes
// (workloads/wordfreq/README.md, "Reference values").
const tinyText = "euhjziqgu Ttnzpawhedib wirjejwk wwvk wwvk Ruvvbu fnkogunoceg, onczgfbcx Wwvk. fzjejpll wirjejwk onczgfbcx\n" +
	"wwvk fzjejpll fzjejpll wwvk fzjejpll wwvk Fnkogunoceg ruvvbu wwvk euhjziqgu wwvk wwvk\n" +
	"fzjejpll wwvk fzjejpll cglzyhosuii euhjziqgu euhjziqgu\n"

var referenceTexts = []struct {
	p     wordfreq.Params
	bytes int
	fnv64 uint64 // FNV-1a 64 of the text
	sum   wordfreq.Summary
}{
	{wordfreq.Params{Seed: 7, Words: 30, Vocabulary: 10}, 247, 0xdd6cd76f920ab353,
		wordfreq.Summary{Words: 30, Distinct: 9, MaxCount: 10, Letters: 215, Fingerprint: 43752778296}},
	{wordfreq.Params{Seed: 7, Words: 50000, Vocabulary: 5000}, 401914, 0x04d3e0736ed95e1c, // input text-50k
		wordfreq.Summary{Words: 50000, Distinct: 4838, MaxCount: 2980, Letters: 345573, Fingerprint: 100391064950021}},
}

func TestSplitMix64Reference(t *testing.T) {
	// The first two outputs of splitmix64 seeded with 0 (the published C code).
	rng := wordfreq.NewSplitMix64(0)
	for i, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4} {
		if got := rng.Next(); got != want {
			t.Fatalf("output %d = %#x, want %#x", i, got, want)
		}
	}
}

func TestTinyText(t *testing.T) {
	if got := string(wordfreq.Generate(referenceTexts[0].p)); got != tinyText {
		t.Fatalf("tiny text:\n got %q\nwant %q", got, tinyText)
	}
}

func TestReferenceTexts(t *testing.T) {
	for _, r := range referenceTexts {
		text := wordfreq.Generate(r.p)
		h := fnv.New64a()
		h.Write(text)
		if len(text) != r.bytes || h.Sum64() != r.fnv64 {
			t.Errorf("%+v: %d bytes, fnv64 %#x; want %d, %#x", r.p, len(text), h.Sum64(), r.bytes, r.fnv64)
		}
		for _, c := range counts {
			if got := c.count(string(text)); got != r.sum {
				t.Errorf("%s %+v: summary %+v, want %+v", c.name, r.p, got, r.sum)
			}
		}
	}
}

func TestGenerateShape(t *testing.T) {
	if got := wordfreq.Generate(wordfreq.Params{Seed: 1, Words: 0, Vocabulary: 3}); len(got) != 0 {
		t.Errorf("0 words: %q, want empty", got)
	}
	if got := string(wordfreq.Generate(wordfreq.Params{Seed: 1, Words: 1, Vocabulary: 1})); got[len(got)-1] != '\n' {
		t.Errorf("1 word: %q does not end the line", got)
	}
	// 24 words: two full lines, spaces between words within a line.
	text := string(wordfreq.Generate(wordfreq.Params{Seed: 3, Words: 24, Vocabulary: 50}))
	lines, spaces := 0, 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			lines++
		case ' ':
			spaces++
		}
	}
	if lines != 2 || spaces != 22 || text[len(text)-1] != '\n' {
		t.Errorf("24 words: %d lines, %d spaces in %q", lines, spaces, text)
	}
}

func TestVocabularyWords(t *testing.T) {
	for i, w := range wordfreq.Vocabulary(wordfreq.NewSplitMix64(99), 2000) {
		if len(w) < 2 || len(w) > 12 {
			t.Fatalf("word %d %q: length %d", i, w, len(w))
		}
		for _, c := range w {
			if c < 'a' || c > 'z' {
				t.Fatalf("word %d %q: not lowercase ASCII", i, w)
			}
		}
	}
}

func TestPick(t *testing.T) {
	cases := []struct {
		r    uint64
		n    int
		want int
	}{
		{0, 10, 0},
		{^uint64(0), 10, 9}, // u = 1 - 2^-53: the largest draw
		{^uint64(0), wordfreq.MaxWords, wordfreq.MaxWords - 1}, // u^3 = 1 - 3*2^-53 stays below 1
		{^uint64(0), 1 << 52, 1<<52 - 2},                       // floor(2^52 - 1.5)
		{1 << 63, 1000, 125},                                   // u = 1/2: n/8
		{3 << 62, 64, 27},                                      // u = 3/4: 27n/64
	}
	for _, c := range cases {
		if got := wordfreq.Pick(c.r, c.n); got != c.want {
			t.Errorf("wordfreq.Pick(%#x, %d) = %d, want %d", c.r, c.n, got, c.want)
		}
	}
}
