package main

import (
	"os"
	"runtime"

	"github.com/bytedance/sonic"
	"github.com/klauspost/cpuid/v2"
)

// backend names the code path sonic really takes. sonic compiles its JIT
// only for amd64/arm64 within a Go version window (go1.17..go1.27 on amd64
// in v1.15.x) and otherwise silently aliases encoding/json; sonic.APIKind
// tells which file set was compiled in.
func backend() string {
	if sonic.APIKind != sonic.UseSonicJSON {
		return "encoding/json (sonic fallback on " + runtime.Version() + "/" + runtime.GOARCH + ")"
	}
	if runtime.GOARCH != "amd64" {
		return "sonic JIT " + runtime.GOARCH
	}
	// Mirrors sonic's internal/native dispatch: AVX2 kernels unless the CPU
	// lacks AVX2 or SONIC_MODE disables it.
	simd := "sse"
	if cpuid.CPU.Has(cpuid.AVX2) && os.Getenv("SONIC_MODE") != "noavx" && os.Getenv("SONIC_MODE") != "noavx2" {
		simd = "avx2"
	}
	return "sonic JIT amd64 " + simd
}
