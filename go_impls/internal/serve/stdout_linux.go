package serve

import (
	"fmt"
	"os"
	"syscall"
)

// protocolStdout keeps stdout for protocol lines alone: it moves the real
// stdout to a new descriptor for the driver and points descriptor 1 at
// stderr, so a framework's banner or route dump (printed to os.Stdout or to
// a writer captured at init) lands in the free-form stderr instead of
// corrupting the line protocol. On failure it keeps os.Stdout.
func protocolStdout() *os.File {
	fd, err := syscall.Dup(1)
	if err != nil {
		fmt.Fprintf(os.Stderr, "serve: keeping stdout shared (dup: %v)\n", err)
		return os.Stdout
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Dup3(2, 1, 0); err != nil {
		fmt.Fprintf(os.Stderr, "serve: keeping stdout shared (dup3: %v)\n", err)
		syscall.Close(fd)
		return os.Stdout
	}
	return os.NewFile(uintptr(fd), "protocol-stdout")
}
