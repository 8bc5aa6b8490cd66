package wordfreq

// SplitMix64 is the generator of the text (workloads/wordfreq/README.md,
// "Text generator").
type SplitMix64 struct{ state uint64 }

// NewSplitMix64 starts the generator at seed.
func NewSplitMix64(seed uint64) *SplitMix64 { return &SplitMix64{seed} }

// Next advances the state by the golden gamma and returns the mix of it.
func (s *SplitMix64) Next() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Vocabulary draws n words: word i has 2 + Next()%11 letters, each
// 'a' + Next()%26.
func Vocabulary(rng *SplitMix64, n int) [][]byte {
	vocab := make([][]byte, n)
	for i := range vocab {
		w := make([]byte, 2+rng.Next()%11)
		for j := range w {
			w[j] = 'a' + byte(rng.Next()%26)
		}
		vocab[i] = w
	}
	return vocab
}

// Pick maps one draw to a vocabulary index: floor(n * u^3) with u the top
// 53 bits of r as a fraction in [0, 1). Only products of float64 values,
// each correctly rounded, so Go and Rust agree bit for bit (no fused
// multiply-add is possible without an addition). The clamp to n-1 is never
// taken (u^3 <= 1 - 3*2^-53, so n*u^3 rounds below n for any n < 2^53); it
// is part of the specification all the same.
func Pick(r uint64, n int) int {
	u := float64(r>>11) * (1.0 / (1 << 53))
	c := u * u * u
	k := int(float64(n) * c) // truncation is floor for c >= 0
	if k >= n {
		k = n - 1
	}
	return k
}

// Generate builds the text of a parameter point (untimed setup).
func Generate(p Params) []byte {
	rng := NewSplitMix64(p.Seed)
	vocab := Vocabulary(rng, p.Vocabulary)
	text := make([]byte, 0, p.Words*9)
	for j := 0; j < p.Words; j++ {
		w := vocab[Pick(rng.Next(), p.Vocabulary)]
		d := rng.Next()
		if d%8 == 0 {
			text = append(text, w[0]-('a'-'A'))
			text = append(text, w[1:]...)
		} else {
			text = append(text, w...)
		}
		switch (d >> 3) % 16 {
		case 0:
			text = append(text, ',')
		case 1:
			text = append(text, '.')
		}
		if (j+1)%12 == 0 || j == p.Words-1 {
			text = append(text, '\n')
		} else {
			text = append(text, ' ')
		}
	}
	return text
}
