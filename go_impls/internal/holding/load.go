package holding

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// maxLine bounds one document (one line); the generated ones are a few KB.
const maxLine = 64 << 20

// Load streams r line by line, decodes every non-blank line (blank: only
// spaces, tabs, '\r') into a Resource, and returns them all. Only one line
// is buffered at a time; the decoded strings are copies, so the returned
// slice holds no reference to the input buffer.
func Load(r io.Reader) ([]Resource, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var docs []Resource
	for line := 1; sc.Scan(); line++ {
		b := bytes.Trim(sc.Bytes(), " \t\r")
		if len(b) == 0 {
			continue
		}
		// encoding/json would decode `null` into a zero struct without an error.
		if b[0] != '{' {
			return nil, fmt.Errorf("line %d: not a JSON object", line)
		}
		var doc Resource
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		docs = append(docs, doc)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading documents: %w", err)
	}
	return docs, nil
}
