package main

import (
	"testing"

	"xlbench/internal/serve/servetest"
)

func TestMain(m *testing.M) { servetest.Main(m, main) }

func TestServer(t *testing.T) {
	servetest.Run(t, servetest.Expect{Variant: "fiber", Library: "gofiber/fiber (fasthttp)", Framework: "fiber"})
}

func TestPortTaken(t *testing.T) { servetest.RunPortTaken(t) }
