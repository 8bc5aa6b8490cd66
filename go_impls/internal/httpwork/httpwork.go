// Package httpwork holds what every Go server of the http workload shares:
// the response bodies and the /echo document (docs/protocol.md, "The server
// protocol", "Endpoints"). Routing and encoding stay in each framework's
// idiom, in cmd/http_<framework>.
package httpwork

import (
	"errors"
	"fmt"
)

// HelloWorld is the /plaintext body and the /json message.
const HelloWorld = "Hello, World!"

// The endpoints every server serves.
const (
	PlaintextPath = "/plaintext" // GET
	JSONPath      = "/json"      // GET
	EchoPath      = "/echo"      // POST
)

// Message is the /json response document; a handler serialises a fresh one
// per request, as a real handler would.
type Message struct {
	Message string `json:"message"`
}

// EchoDoc is the typed /echo document: every field required, no others kept.
type EchoDoc struct {
	ID      int64    `json:"id"`
	Name    string   `json:"name"`
	Email   string   `json:"email"`
	Active  bool     `json:"active"`
	Score   float64  `json:"score"`
	Tags    []string `json:"tags"`
	Address Address  `json:"address"`
}

// Address is EchoDoc's nested object.
type Address struct {
	Street string `json:"street"`
	City   string `json:"city"`
	Zip    string `json:"zip"`
}

// EchoBody is the /echo request body as decoded. encoding/json (which every
// framework here decodes with) leaves a missing field at its zero value, so
// the fields are pointers: nil means missing or null, and Doc turns that into
// an error. Unknown fields are ignored by the decoder.
type EchoBody struct {
	ID      *int64       `json:"id"`
	Name    *string      `json:"name"`
	Email   *string      `json:"email"`
	Active  *bool        `json:"active"`
	Score   *float64     `json:"score"`
	Tags    *[]string    `json:"tags"`
	Address *AddressBody `json:"address"`
}

// AddressBody is EchoBody's nested object, pointers for the same reason.
type AddressBody struct {
	Street *string `json:"street"`
	City   *string `json:"city"`
	Zip    *string `json:"zip"`
}

// ErrMissingField is wrapped by Doc's error: a handler answers it with 400.
var ErrMissingField = errors.New("missing required field")

// Doc checks that every field was present and not null and returns the
// typed document.
func (b *EchoBody) Doc() (EchoDoc, error) {
	missing := func(name string) (EchoDoc, error) {
		return EchoDoc{}, fmt.Errorf("%w %q", ErrMissingField, name)
	}
	switch {
	case b.ID == nil:
		return missing("id")
	case b.Name == nil:
		return missing("name")
	case b.Email == nil:
		return missing("email")
	case b.Active == nil:
		return missing("active")
	case b.Score == nil:
		return missing("score")
	case b.Tags == nil:
		return missing("tags")
	case b.Address == nil:
		return missing("address")
	case b.Address.Street == nil:
		return missing("address.street")
	case b.Address.City == nil:
		return missing("address.city")
	case b.Address.Zip == nil:
		return missing("address.zip")
	}
	return EchoDoc{
		ID:     *b.ID,
		Name:   *b.Name,
		Email:  *b.Email,
		Active: *b.Active,
		Score:  *b.Score,
		Tags:   *b.Tags,
		Address: Address{
			Street: *b.Address.Street,
			City:   *b.Address.City,
			Zip:    *b.Address.Zip,
		},
	}, nil
}
