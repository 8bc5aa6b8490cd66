package driver

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"
)

// The spawn protocol (docs/protocol.md, "The spawn protocol"): one process
// run is one sample. The variant prints hello (with the threads it really
// uses), does the measured work once and prints one result line.

// SpawnResult is what one spawn-protocol run measured.
type SpawnResult struct {
	Checksum map[string]int64 // the workload's checksum; must not be nil
	NS       int64            // monotonic time of the measured work alone
	Facts    map[string]any   // numbers (or strings) the variant measured about itself
}

// SpawnVariant describes one spawn-protocol binary. The metadata fields mean
// what they mean in Variant.
type SpawnVariant struct {
	Language       string
	Name           string
	Library        string
	LibraryVersion string
	Backend        string
	// Run does the whole run (setup untimed, then the measured work) and
	// reports it. GOMAXPROCS is already set from req.Threads.
	Run func(req Request) (SpawnResult, error)
}

type spawnHelloLine struct {
	Type           string `json:"type"`
	Protocol       int    `json:"protocol"`
	Language       string `json:"language"`
	Variant        string `json:"variant"`
	Library        string `json:"library"`
	LibraryVersion string `json:"library_version"`
	Backend        string `json:"backend"`
	Runtime        string `json:"runtime"`
	Threads        int    `json:"threads"`
}

type resultLine struct {
	Type     string           `json:"type"`
	Checksum map[string]int64 `json:"checksum"`
	NS       int64            `json:"ns"`
	Facts    map[string]any   `json:"facts"`
}

// MainSpawn is a spawn variant's whole main function: it never returns.
func MainSpawn(v SpawnVariant) {
	os.Exit(ExecuteSpawn(v, os.Args[1:], Env{Out: os.Stdout, Err: os.Stderr, Now: time.Now}))
}

// ExecuteSpawn runs the spawn protocol for the given arguments and returns
// the exit code; any failure (a panic in Run included) becomes an error line
// and exit code 1. env.Now is not used: the variant times its own work.
func ExecuteSpawn(v SpawnVariant, args []string, env Env) int {
	return report(env, executeSpawn(v, args, env))
}

func executeSpawn(v SpawnVariant, args []string, env Env) error {
	return guarded(args, env, ReadSpawnRequest, func(req Request) error { return RunSpawn(v, req, env) })
}

// RunSpawn executes the spawn protocol after the request has been parsed:
// GOMAXPROCS = threads, hello, one Run, result.
func RunSpawn(v SpawnVariant, req Request, env Env) error {
	runtime.GOMAXPROCS(int(req.Threads))
	lang := v.Language
	if lang == "" {
		lang = "go"
	}
	h := spawnHelloLine{"hello", 1, lang, v.Name, v.Library, v.LibraryVersion, v.Backend,
		runtime.Version(), runtime.GOMAXPROCS(0)}
	if err := emit(env.Out, h); err != nil {
		return err
	}
	res, err := v.Run(req)
	if err != nil {
		return err
	}
	if res.Checksum == nil {
		return errors.New("run returned no checksum")
	}
	if res.NS < 0 {
		return fmt.Errorf("run returned a negative time %d ns", res.NS)
	}
	facts := res.Facts
	if facts == nil {
		facts = map[string]any{} // always an object, never null
	}
	return emit(env.Out, resultLine{"result", res.Checksum, res.NS, facts})
}
