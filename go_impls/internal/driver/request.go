package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// Input is the request's "input" object.
type Input struct {
	Name   string
	Path   string
	Schema string
	Bytes  int64
}

// Request is the parsed request file (docs/protocol.md, "Request").
type Request struct {
	Protocol    int64
	Workload    string
	Mode        string
	Input       Input
	Params      map[string]any
	WarmupMS    int64
	Samples     int64
	MinSampleMS int64
	Threads     int64
	Host        string // server protocol only: address to bind
	Port        int64  // server protocol only: TCP port, 0 = the kernel chooses
}

// ReadRequest reads and validates the request file at path.
func ReadRequest(path string) (Request, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Request{}, fmt.Errorf("reading request: %w", err)
	}
	return ParseRequest(data)
}

// ParseRequest validates a batch request. It validates by hand rather than
// with struct tags, because encoding/json accepts missing fields and 1.5 for
// an int silently, and the protocol wants an error that names the bad field.
func ParseRequest(data []byte) (Request, error) {
	return parseRequest(data, batchRequest)
}

// ParseSpawnRequest validates a spawn-protocol request (docs/protocol.md,
// "The spawn protocol"): the same fields, except that input.path may be
// empty (inputs that are parameters only) and warmup_ms, samples and
// min_sample_ms do not apply, so they may be absent and are not checked
// (they are left 0).
func ParseSpawnRequest(data []byte) (Request, error) {
	return parseRequest(data, spawnRequest)
}

// ReadSpawnRequest reads and validates the spawn request file at path.
func ReadSpawnRequest(path string) (Request, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Request{}, fmt.Errorf("reading request: %w", err)
	}
	return ParseSpawnRequest(data)
}

// requestKind selects the protocol whose fields parseRequest checks.
type requestKind int

const (
	batchRequest  requestKind = iota
	spawnRequest              // no batch timing fields, input.path may be empty
	serverRequest             // as spawn, plus host and port
)

func parseRequest(data []byte, kind requestKind) (Request, error) {
	top, err := decodeObject(data, "request")
	if err != nil {
		return Request{}, err
	}
	var r Request
	f := fields{obj: top}
	r.Protocol = f.integer("protocol", 1)
	if f.err == nil && r.Protocol != 1 {
		f.fail("protocol", fmt.Sprintf("unsupported version %d, want 1", r.Protocol))
	}
	r.Workload = f.str("workload")
	r.Mode = f.str("mode")
	if in := f.object("input"); in != nil {
		g := fields{obj: in, prefix: "input.", err: f.err}
		r.Input = Input{Name: g.str("name"), Path: g.str("path"), Schema: g.str("schema"), Bytes: g.integer("bytes", 0)}
		f.err = g.err
	}
	if p := f.object("params"); p != nil {
		r.Params = make(map[string]any, len(p))
		for k, v := range p {
			r.Params[k] = v
		}
	}
	if kind == batchRequest {
		r.WarmupMS = f.integer("warmup_ms", 0)
		r.Samples = f.integer("samples", 1)
		r.MinSampleMS = f.integer("min_sample_ms", 1)
	}
	r.Threads = f.integer("threads", 1)
	if kind == serverRequest {
		r.Host = f.str("host")
		r.Port = f.integer("port", 0)
		if f.err == nil && r.Host == "" {
			f.fail("host", "must not be empty")
		}
		if f.err == nil && r.Port > 65535 {
			f.fail("port", fmt.Sprintf("must be <= 65535, got %d", r.Port))
		}
	}
	// A parameter-only input (docs/protocol.md) has path "" and bytes 0.
	if f.err == nil && kind == batchRequest && r.Input.Path == "" && r.Input.Bytes != 0 {
		f.fail("input.path", "must not be empty (unless input.bytes is 0: a parameter-only input)")
	}
	return r, f.err
}

func decodeObject(data []byte, what string) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // keep integers exact and tell 3 from 3.0
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s is not valid JSON: %w", what, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s has trailing data after the JSON object", what)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s must be a JSON object", what)
	}
	return obj, nil
}

// fields reads typed fields and keeps the first error only.
type fields struct {
	obj    map[string]any
	prefix string
	err    error
}

func (f *fields) fail(name, msg string) {
	if f.err == nil {
		f.err = fmt.Errorf("request field %q: %s", f.prefix+name, msg)
	}
}

func (f *fields) get(name, kind string) (any, bool) {
	v, ok := f.obj[name]
	if !ok {
		f.fail(name, "missing (want "+kind+")")
	}
	return v, ok
}

func (f *fields) str(name string) string {
	v, ok := f.get(name, "string")
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		f.fail(name, fmt.Sprintf("want a string, got %s", jsonKind(v)))
	}
	return s
}

func (f *fields) integer(name string, min int64) int64 {
	v, ok := f.get(name, "integer")
	if !ok {
		return 0
	}
	n, ok := v.(json.Number)
	if !ok {
		f.fail(name, fmt.Sprintf("want an integer, got %s", jsonKind(v)))
		return 0
	}
	i, err := n.Int64()
	if err != nil {
		f.fail(name, fmt.Sprintf("want an integer, got %s", n))
		return 0
	}
	if i < min {
		f.fail(name, fmt.Sprintf("must be >= %d, got %d", min, i))
	}
	return i
}

func (f *fields) object(name string) map[string]any {
	v, ok := f.get(name, "object")
	if !ok {
		return nil
	}
	o, ok := v.(map[string]any)
	if !ok {
		f.fail(name, fmt.Sprintf("want an object, got %s", jsonKind(v)))
	}
	return o
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a bool"
	case string:
		return "a string"
	case json.Number:
		return "the number " + v.String()
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
