package main

import (
	"strings"
	"testing"

	"github.com/bytedance/sonic"
)

func TestBackendTellsTheTruth(t *testing.T) {
	b := backend()
	native := sonic.APIKind == sonic.UseSonicJSON
	if native != strings.HasPrefix(b, "sonic JIT") || native == strings.Contains(b, "fallback") {
		t.Fatalf("APIKind %d but backend %q", sonic.APIKind, b)
	}
	t.Log(b)
}
