// Package logscan is the workload's operation: one regex scan of an access log.
package logscan

import (
	"bytes"
	"regexp"
)

// LineRE matches a combined-log-format line; README.md explains why it uses
// [^ ] and [0-9] rather than \S and \d.
var LineRE = regexp.MustCompile(
	`^([^ ]+) [^ ]+ [^ ]+ \[([^\]]+)\] "(GET|POST|PUT|DELETE|HEAD) ([^ ]+) HTTP/1\.[01]" ([0-9]{3}) ([0-9]+|-)`)

// Scan is one operation: match every line of data and aggregate the matches
// into the workload's checksum (README.md, "Checksum").
func Scan(data []byte) map[string]int64 {
	var lines, matched, size, post int64
	var class [10]int64 // matched lines by the first digit of the status
	ips := make(map[string]struct{})
	for line := range bytes.Lines(data) {
		line = bytes.TrimSuffix(line, []byte("\n"))
		lines++
		m := LineRE.FindSubmatchIndex(line)
		if m == nil {
			continue
		}
		matched++
		ip := line[m[2]:m[3]]
		if _, seen := ips[string(ip)]; !seen { // the lookup does not allocate
			ips[string(ip)] = struct{}{}
		}
		if string(line[m[6]:m[7]]) == "POST" {
			post++
		}
		class[line[m[10]]-'0']++
		var n int64
		for _, d := range line[m[12]:m[13]] { // "-" counts 0
			if d != '-' {
				n = n*10 + int64(d-'0')
			}
		}
		size += n
	}
	return map[string]int64{
		"lines": lines, "matched": matched, "bytes": size, "post": post, "distinct_ips": int64(len(ips)),
		"status_2xx": class[2], "status_3xx": class[3], "status_4xx": class[4], "status_5xx": class[5],
	}
}
