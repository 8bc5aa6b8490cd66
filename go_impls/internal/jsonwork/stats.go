package jsonwork

import (
	"encoding/json"
	"fmt"
)

// Stats is the dom-mode checksum `json_stats` (workloads/json/README.md).
type Stats struct {
	Objects, Arrays, Strings, Numbers, Bools, Nulls int64
	Members, Elements, StringBytes, KeyBytes        int64
}

// Map returns the checksum object printed on the check line.
func (s *Stats) Map() map[string]int64 {
	return map[string]int64{
		"objects": s.Objects, "arrays": s.Arrays, "strings": s.Strings,
		"numbers": s.Numbers, "bools": s.Bools, "nulls": s.Nulls,
		"members": s.Members, "elements": s.Elements,
		"string_bytes": s.StringBytes, "key_bytes": s.KeyBytes,
	}
}

// JSONStats walks a tree made of the types that Unmarshal into `any`
// produces. Numbers may be float64 or, with number-preserving configs,
// json.Number/int64/uint64; any other type is an error rather than a
// silently wrong count.
func JSONStats(v any) (map[string]int64, error) {
	var s Stats
	if err := s.walk(v); err != nil {
		return nil, err
	}
	return s.Map(), nil
}

func (s *Stats) walk(v any) error {
	switch v := v.(type) {
	case map[string]any:
		s.Objects++
		s.Members += int64(len(v))
		for k, e := range v {
			s.KeyBytes += int64(len(k))
			if err := s.walk(e); err != nil {
				return err
			}
		}
	case []any:
		s.Arrays++
		s.Elements += int64(len(v))
		for _, e := range v {
			if err := s.walk(e); err != nil {
				return err
			}
		}
	case string:
		s.Strings++
		s.StringBytes += int64(len(v))
	case float64, json.Number, int64, uint64:
		s.Numbers++
	case bool:
		s.Bools++
	case nil:
		s.Nulls++
	default:
		return fmt.Errorf("json_stats: unexpected %T in the tree", v)
	}
	return nil
}
