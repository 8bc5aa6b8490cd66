package httpwork

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const sampleDoc = `{"id":42,"name":"Ada","email":"ada@example.org","active":false,"score":0,
 "tags":[],"address":{"street":"1 Main St","city":"Springfield","zip":"12345"}}`

func decode(t *testing.T, body string) (EchoDoc, error) {
	t.Helper()
	var b EchoBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return EchoDoc{}, err
	}
	return b.Doc()
}

func TestEchoDocZeroValuesArePresent(t *testing.T) {
	doc, err := decode(t, sampleDoc)
	if err != nil {
		t.Fatal(err)
	}
	want := EchoDoc{ID: 42, Name: "Ada", Email: "ada@example.org", Tags: []string{},
		Address: Address{Street: "1 Main St", City: "Springfield", Zip: "12345"}}
	if !reflect.DeepEqual(doc, want) {
		t.Fatalf("got %+v", doc)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	compact := strings.NewReplacer("\n", "", " ", "").Replace(sampleDoc)
	compact = strings.Replace(compact, "1MainSt", "1 Main St", 1)
	if string(out) != compact {
		t.Fatalf("round trip\n got %s\nwant %s", out, compact)
	}
}

func TestEchoDocUnknownFieldsIgnored(t *testing.T) {
	body := strings.Replace(sampleDoc, `"id":42`, `"extra":{"x":[1,2]},"id":42`, 1)
	body = strings.Replace(body, `"zip":"12345"`, `"zip":"12345","country":"US"`, 1)
	if _, err := decode(t, body); err != nil {
		t.Fatal(err)
	}
}

func TestEchoDocRejects(t *testing.T) {
	cases := []struct{ old, new, want string }{
		{`"id":42,`, ``, `"id"`},
		{`"id":42`, `"id":null`, `"id"`},
		{`"active":false,`, ``, `"active"`},
		{`"score":0,`, ``, `"score"`},
		{`"tags":[],`, ``, `"tags"`},
		{`"tags":[]`, `"tags":null`, `"tags"`},
		{`,"address":{"street":"1 Main St","city":"Springfield","zip":"12345"}`, ``, `"address"`},
		{`"city":"Springfield",`, ``, `"address.city"`},
		{`"zip":"12345"`, `"zip":null`, `"address.zip"`},
	}
	for _, c := range cases {
		body := strings.Replace(sampleDoc, c.old, c.new, 1)
		if body == sampleDoc {
			t.Fatalf("case %q does not change the document", c.old)
		}
		_, err := decode(t, body)
		if !errors.Is(err, ErrMissingField) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s -> %s: error %v, want a missing %s", c.old, c.new, err, c.want)
		}
	}
}

func TestEchoDocBadTypesAreDecodeErrors(t *testing.T) {
	for _, c := range []struct{ old, new string }{
		{`"id":42`, `"id":"42"`},
		{`"id":42`, `"id":4.5`},
		{`"active":false`, `"active":0`},
		{`"tags":[]`, `"tags":[1]`},
		{`"tags":[]`, `"tags":"a"`},
		{`"name":"Ada"`, `"name":["Ada"]`},
	} {
		body := strings.Replace(sampleDoc, c.old, c.new, 1)
		var b EchoBody
		if err := json.Unmarshal([]byte(body), &b); err == nil {
			t.Errorf("%s: decoded without error", c.new)
		}
	}
}

func TestMessageEncoding(t *testing.T) {
	out, err := json.Marshal(Message{Message: HelloWorld})
	if err != nil || string(out) != `{"message":"Hello, World!"}` {
		t.Fatalf("got %s, %v", out, err)
	}
}
