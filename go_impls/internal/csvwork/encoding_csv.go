package csvwork

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// NewReader is the encoding/csv configuration both Go variants use: lenient
// quotes, field counts checked by the caller (count and skip), one reused
// record slice. A UTF-8 BOM at the very start is dropped first (a slice, no
// copy): encoding/csv would keep it as part of the first header name.
func NewReader(input []byte) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(input, utf8BOM)))
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r
}

var errNoHeader = errors.New("input has no header record")

// EncodingCSV is the `encoding_csv` variant: encoding/csv records, columns
// found by name in the header. It serves any schema.
func EncodingCSV(_ string, p Params) (Parse, error) {
	return func(input []byte) (*Result, error) { return aggregateRecords(input, p) }, nil
}

func aggregateRecords(input []byte, p Params) (*Result, error) {
	r := NewReader(input)
	header, err := r.Read()
	if err == io.EOF {
		return nil, errNoHeader
	}
	if err != nil {
		return nil, err
	}
	nFields := len(header)
	key, ints, err := p.columns(header) // before the next Read reuses header
	if err != nil {
		return nil, err
	}
	res := NewResult(len(ints))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rec) != nFields {
			res.BadRows++
			continue
		}
		g := res.Add(rec[key])
		for i, c := range ints {
			g.Value(i, rec[c])
		}
	}
}
