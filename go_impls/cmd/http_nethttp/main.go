// Command http_nethttp is the `nethttp` variant of the http workload: the
// standard library's server and ServeMux (method patterns) with
// encoding/json.
package main

import (
	"encoding/json"
	"net/http"
	"strconv"

	"xlbench/internal/driver"
	"xlbench/internal/httpwork"
	"xlbench/internal/serve"
)

func main() {
	serve.Main(serve.Variant{
		Name:      "nethttp",
		Framework: "net/http",
		Library:   "net/http",
		Backend:   "net/http server + ServeMux, encoding/json",
		New:       newServer,
	})
}

func newServer(driver.Request) (serve.Server, error) {
	return &http.Server{Handler: routes()}, nil
}

func routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+httpwork.PlaintextPath, plaintext)
	mux.HandleFunc("GET "+httpwork.JSONPath, message)
	mux.HandleFunc("POST "+httpwork.EchoPath, echo)
	return mux
}

var helloWorld = []byte(httpwork.HelloWorld)

func plaintext(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(helloWorld)))
	w.Write(helloWorld)
}

func message(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, httpwork.Message{Message: httpwork.HelloWorld})
}

func echo(w http.ResponseWriter, r *http.Request) {
	var body httpwork.EchoBody
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "invalid JSON body: "+err.Error(), http.StatusBadRequest)
		return
	}
	doc, err := body.Doc()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	writeJSON(w, doc)
}

// writeJSON marshals v and sends it with an explicit Content-Length: without
// one net/http switches to chunked encoding once a body outgrows its 2 KiB
// buffer. json.Marshal, unlike json.Encoder, adds no trailing newline.
func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}
