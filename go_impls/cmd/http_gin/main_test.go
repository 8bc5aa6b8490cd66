package main

import (
	"testing"

	"xlbench/internal/serve/servetest"
)

func TestMain(m *testing.M) { servetest.Main(m, main) }

func TestServer(t *testing.T) {
	servetest.Run(t, servetest.Expect{Variant: "gin", Library: "gin-gonic/gin", Framework: "gin"})
}

func TestPortTaken(t *testing.T) { servetest.RunPortTaken(t) }
