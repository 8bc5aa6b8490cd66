package main

import (
	"testing"

	"xlbench/internal/serve/servetest"
)

func TestMain(m *testing.M) { servetest.Main(m, main) }

func TestServer(t *testing.T) {
	servetest.Run(t, servetest.Expect{Variant: "nethttp", Library: "net/http", Framework: "net/http"})
}

func TestPortTaken(t *testing.T) { servetest.RunPortTaken(t) }
