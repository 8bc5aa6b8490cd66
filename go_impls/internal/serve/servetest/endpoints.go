package servetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptrace"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// SmallEcho is a typical /echo document: escapes, non-ASCII text, an int64
// past 2^53 and zero-like values that must survive the round trip.
const SmallEcho = `{"id":9007199254740993,"name":"Zoë \"Q\" <x&y>","email":"zoe@example.org",` +
	`"active":false,"score":98.25,"tags":["a","b/c","\u00e9",""],` +
	`"address":{"street":"1 Main St","city":"Springfield","zip":"01234"}}`

// LargeEcho is an /echo document well over net/http's 2 KiB buffer, past
// which a response without an explicit Content-Length goes out chunked.
func LargeEcho() string {
	tags := make([]string, 300)
	for i := range tags {
		tags[i] = fmt.Sprintf("%q", fmt.Sprintf("tag-%03d", i))
	}
	return strings.Replace(SmallEcho, `["a","b/c","\u00e9",""]`, "["+strings.Join(tags, ",")+"]", 1)
}

// Client sends requests over keep-alive connections and counts the
// connections it had to open.
type Client struct {
	base   string
	http   *http.Client
	opened atomic.Int64
}

// NewClient talks to the server at base ("http://127.0.0.1:port").
func NewClient(base string) *Client {
	return &Client{base: base, http: &http.Client{
		Timeout: 5 * time.Second,
		// One connection, no Accept-Encoding: the load generator sends none.
		Transport: &http.Transport{MaxConnsPerHost: 1, DisableCompression: true},
	}}
}

// Opened is how many connections the client has opened so far.
func (c *Client) Opened() int64 { return c.opened.Load() }

// Close drops the client's idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// Do sends one request and returns the response with its whole body.
func (c *Client) Do(t *testing.T, method, path, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if !info.Reused {
			c.opened.Add(1)
		}
	}}
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return resp, got
}

// CheckFraming checks what the harness checks of every response: the status,
// the media type (parameters such as charset allowed) and a Content-Length
// header equal to the body size, never chunked.
func CheckFraming(t *testing.T, what string, resp *http.Response, body []byte, status int, media string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("%s: status %d, want %d (body %q)", what, resp.StatusCode, status, body)
	}
	if media != "" {
		ct := resp.Header.Get("Content-Type")
		if got, _, err := mime.ParseMediaType(ct); err != nil || got != media {
			t.Errorf("%s: Content-Type %q, want media type %s", what, ct, media)
		}
	}
	if len(resp.TransferEncoding) != 0 {
		t.Errorf("%s: Transfer-Encoding %v, want none", what, resp.TransferEncoding)
	}
	if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
		t.Errorf("%s: Content-Length %q, body %d bytes", what, cl, len(body))
	}
}

// CheckEndpoints sends each endpoint's requests as the harness verifies
// them, plus bodies /echo must refuse, all over one keep-alive connection.
func CheckEndpoints(t *testing.T, c *Client) {
	t.Helper()
	for i := 0; i < 2; i++ { // twice: the connection must stay usable
		resp, body := c.Do(t, "GET", "/plaintext", "", "")
		CheckFraming(t, "GET /plaintext", resp, body, 200, "text/plain")
		if string(body) != "Hello, World!" {
			t.Errorf("GET /plaintext: body %q", body)
		}
		resp, body = c.Do(t, "GET", "/json", "", "")
		CheckFraming(t, "GET /json", resp, body, 200, "application/json")
		if string(body) != `{"message":"Hello, World!"}` {
			t.Errorf("GET /json: body %q, want it byte-exact", body)
		}
	}
	checkEcho(t, c, "small", SmallEcho, SmallEcho)
	checkEcho(t, c, "large", LargeEcho(), LargeEcho())
	extra := strings.Replace(SmallEcho, `"id":`, `"unknown":{"x":[1,null]},"id":`, 1)
	extra = strings.Replace(extra, `"zip":"01234"`, `"zip":"01234","country":"US"`, 1)
	checkEcho(t, c, "unknown fields", extra, SmallEcho)
	if n := c.Opened(); n != 1 {
		t.Errorf("the client opened %d connections for the 200 responses, want 1 (keep-alive)", n)
	}

	bad := map[string]string{
		"not JSON":       "not json",
		"empty body":     "",
		"an array":       "[1,2]",
		"missing fields": `{"id":1}`,
		"missing nested": strings.Replace(SmallEcho, `"city":"Springfield",`, "", 1),
		"null field":     strings.Replace(SmallEcho, `"tags":["a","b/c","\u00e9",""]`, `"tags":null`, 1),
		"id a string":    strings.Replace(SmallEcho, `"id":9007199254740993`, `"id":"1"`, 1),
		"id a fraction":  strings.Replace(SmallEcho, `"id":9007199254740993`, `"id":1.5`, 1),
		"truncated":      SmallEcho[:len(SmallEcho)/2],
		"a tag a number": strings.Replace(SmallEcho, `"a",`, `7,`, 1),
	}
	for what, body := range bad {
		resp, got := c.Do(t, "POST", "/echo", "application/json", body)
		if resp.StatusCode != 400 {
			t.Errorf("POST /echo with %s: status %d, want 400 (body %q)", what, resp.StatusCode, got)
		}
	}
}

func checkEcho(t *testing.T, c *Client, what, request, want string) {
	t.Helper()
	what = "POST /echo (" + what + ")"
	resp, body := c.Do(t, "POST", "/echo", "application/json", request)
	CheckFraming(t, what, resp, body, 200, "application/json")
	if got, exp := parseExact(t, body), parseExact(t, []byte(want)); !reflect.DeepEqual(got, exp) {
		t.Errorf("%s: response %s\nwant the same document as %s", what, body, want)
	}
}

// parseExact keeps numbers as their text, so an int64 past 2^53 compares
// exactly.
func parseExact(t *testing.T, doc []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%q is not JSON: %v", doc, err)
	}
	return v
}
