package csvwork_test

import (
	"testing"

	"xlbench/internal/csvwork"
)

func TestParseInt(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"7", 7, true},
		{"-3", -3, true},
		{"+4", 4, true},
		{"-0", 0, true},
		{"007", 7, true},
		{"999999999999999999", 999999999999999999, true},   // 18 digits
		{"-999999999999999999", -999999999999999999, true}, // sign + 18 digits
		{"+000000000000000001", 1, true},                   // leading zeros count
		{"1000000000000000000", 0, false},                  // 19 digits
		{"0000000000000000001", 0, false},                  // 19 digits, even if small
		{"99999999999999999999", 0, false},                 // 20 digits
		{"", 0, false},                                     // empty
		{"-", 0, false},                                    // sign only
		{"+", 0, false},                                    //
		{"--1", 0, false},                                  // two signs
		{"+-1", 0, false},                                  //
		{" 1", 0, false},                                   // no spaces
		{"1 ", 0, false},                                   //
		{"1,000", 0, false},                                //
		{"1_000", 0, false},                                // strconv base 0 would take it
		{"1e3", 0, false},                                  //
		{"0x1F", 0, false},                                 //
		{"1.0", 0, false},                                  //
		{"x", 0, false},                                    //
		{"\uff11", 0, false},                               // fullwidth digit one
		{"١", 0, false},                                    // Arabic-Indic digit one
		{"1\n", 0, false},                                  //
		{"NaN", 0, false},                                  //
	}
	for _, c := range cases {
		got, ok := csvwork.ParseInt(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseInt(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestAggregateAndCanonical(t *testing.T) {
	r := csvwork.NewResult(2)
	buf := []byte("b")
	g := r.Add(string(buf))
	g.Value(0, "5")
	g.Value(0, "-2")
	g.Value(1, "")
	buf[0] = 'a' // the key must have been copied on insert
	r.Add("a").Value(1, "9")
	r.Add("b")
	r.BadRows = 3
	want := "a\t1\t0\t0\t0\t0\t1\t9\t9\t9\n" +
		"b\t2\t2\t3\t-2\t5\t0\t0\t0\t0\n" +
		"rows\t3\tbad_rows\t3\n"
	if got := string(csvwork.Canonical(r)); got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	sum := csvwork.Checksum(r)
	wantSum := map[string]int64{"groups": 2, "rows": 3, "bad_rows": 3,
		"output_bytes": int64(len(want)), "output_fnv1a": fnv1a(want)}
	for k, v := range wantSum {
		if sum[k] != v {
			t.Errorf("%s = %d, want %d", k, sum[k], v)
		}
	}
	if len(sum) != len(wantSum) {
		t.Errorf("checksum keys %v", sum)
	}
}

func TestSumWraps(t *testing.T) {
	r := csvwork.NewResult(1)
	g := r.Add("k")
	for range 10 {
		g.Value(0, "999999999999999999")
	}
	const big = int64(999999999999999999)
	var want int64
	for range 10 {
		want += big // wraps: 10 * 999999999999999999 > MaxInt64
	}
	if c := g.Cols[0]; c.Sum != want || c.N != 10 || c.Min != big || c.Max != big {
		t.Fatalf("got %+v, want sum %d", c, want)
	}
}

func TestChecksumEmpty(t *testing.T) {
	sum := csvwork.Checksum(csvwork.NewResult(0))
	text := "rows\t0\tbad_rows\t0\n"
	if sum["groups"] != 0 || sum["output_bytes"] != int64(len(text)) || sum["output_fnv1a"] != fnv1a(text) {
		t.Fatalf("got %v", sum)
	}
	// FNV-1a of nothing is the offset basis, read as a signed int64.
	if fnv1a("") != -3750763034362895579 {
		t.Fatal("fnv1a reference is wrong")
	}
}

// fnv1a is the README's definition, written out independently of hash/fnv.
func fnv1a(s string) int64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return int64(h)
}
