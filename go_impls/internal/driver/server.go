package driver

import (
	"fmt"
	"io"
	"os"
)

// What the server protocol driver (internal/serve, docs/protocol.md "The
// server protocol") reuses from this package: request parsing, the guarded
// runner that turns a panic into an error, and the line writer.

// ParseServerRequest validates a server-protocol request: the spawn fields
// (input.path may be empty, no batch timing fields) plus "host" (a non-empty
// string) and "port" (an integer in 0..65535, 0 = the kernel chooses).
func ParseServerRequest(data []byte) (Request, error) {
	return parseRequest(data, serverRequest)
}

// ReadServerRequest reads and validates the server request file at path.
func ReadServerRequest(path string) (Request, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Request{}, fmt.Errorf("reading request: %w", err)
	}
	return ParseServerRequest(data)
}

// Guarded reads the request named by args (exactly `--request <path>`) with
// read and runs it; a panic in run becomes the returned error, with its stack
// on env.Err.
func Guarded(args []string, env Env, read func(string) (Request, error), run func(Request) error) error {
	return guarded(args, env, read, run)
}

// Report turns a run's error into the error line (and a note on env.Err) and
// returns the exit code: 0 for nil, else 1.
func Report(env Env, err error) int {
	return report(env, err)
}

// Emit writes v as one JSON line in a single Write.
func Emit(w io.Writer, v any) error {
	return emit(w, v)
}
