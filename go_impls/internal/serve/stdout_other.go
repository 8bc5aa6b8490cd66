//go:build !linux

package serve

import "os"

// protocolStdout is os.Stdout where descriptors cannot be moved portably;
// every framework here is configured not to print anyway.
func protocolStdout() *os.File { return os.Stdout }
