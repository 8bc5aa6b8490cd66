package csvwork_test

import "testing"

// TestVariantsAgreeOnNFL: both Go variants give the identical canonical text
// on the real nfl.csv. The checksum is logged (go test -v) for comparison
// with the Rust variants and the harness's reference.
func TestVariantsAgreeOnNFL(t *testing.T) {
	input := dataFile(t, "csv/nfl.csv")
	want, sum := run(t, libs[0].lib, "nfl", nflParams, input)
	t.Logf("%s checksum %v", libs[0].name, sum)
	t.Logf("canonical text:\n%s", want)
	if sum["rows"]+sum["bad_rows"] < 9000 || sum["groups"] < 30 {
		t.Errorf("implausible aggregate %v", sum)
	}
	for _, lib := range libs[1:] {
		got, gotSum := run(t, lib.lib, "nfl", nflParams, input)
		t.Logf("%s checksum %v", lib.name, gotSum)
		if got != want {
			t.Errorf("%s canonical text differs:\n%s", lib.name, got)
		}
	}
}
