package fanout

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// Status holds the /proc/self/status fields the workload reports.
type Status struct {
	VmRSSKB int64 // resident set now
	VmHWMKB int64 // peak resident set of the process so far
	Threads int64 // OS threads now
}

// ReadStatus reads /proc/self/status (Linux only).
func ReadStatus() (Status, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return Status{}, err
	}
	return ParseStatus(data)
}

// ParseStatus extracts VmRSS, VmHWM (kB) and Threads from the text of a
// /proc/<pid>/status file; each must be present.
func ParseStatus(data []byte) (Status, error) {
	var s Status
	found := 0
	for line := range bytes.Lines(data) {
		key, rest, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		var dst *int64
		switch string(key) {
		case "VmRSS":
			dst = &s.VmRSSKB
		case "VmHWM":
			dst = &s.VmHWMKB
		case "Threads":
			dst = &s.Threads
		default:
			continue
		}
		f := bytes.Fields(rest) // "1234 kB" or "5"
		if len(f) == 0 {
			return s, fmt.Errorf("/proc/self/status: empty %s", key)
		}
		v, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil {
			return s, fmt.Errorf("/proc/self/status: %s: %w", key, err)
		}
		*dst = v
		found++
	}
	if found != 3 {
		return s, fmt.Errorf("/proc/self/status: want VmRSS, VmHWM and Threads, found %d of them", found)
	}
	return s, nil
}
