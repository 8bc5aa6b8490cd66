// Command http_fiber is the `fiber` variant of the http workload: gofiber v3
// on fasthttp (not net/http), with encoding/json, fiber's default codec.
package main

import (
	"context"
	"net"

	"github.com/gofiber/fiber/v3"

	"xlbench/internal/driver"
	"xlbench/internal/httpwork"
	"xlbench/internal/serve"
)

func main() {
	serve.Main(serve.Variant{
		Name:      "fiber",
		Framework: "fiber",
		Library:   "gofiber/fiber (fasthttp)",
		Module:    "github.com/gofiber/fiber/v3",
		Backend:   "fiber on fasthttp " + driver.ModuleVersion("github.com/valyala/fasthttp") + ", encoding/json",
		New:       newServer,
	})
}

// fiberServer serves a *fiber.App on the driver's listener (fiber's own
// listener support) and shuts it down within the driver's deadline.
type fiberServer struct{ app *fiber.App }

func (s fiberServer) Serve(l net.Listener) error {
	// The startup message would go to stdout, the protocol channel.
	return s.app.Listener(l, fiber.ListenConfig{DisableStartupMessage: true})
}

func (s fiberServer) Shutdown(ctx context.Context) error {
	return s.app.ShutdownWithContext(ctx)
}

func newServer(driver.Request) (serve.Server, error) {
	return fiberServer{routes()}, nil
}

func routes() *fiber.App {
	app := fiber.New() // no middleware: fiber has no logger unless one is added
	app.Get(httpwork.PlaintextPath, plaintext)
	app.Get(httpwork.JSONPath, message)
	app.Post(httpwork.EchoPath, echo)
	return app
}

func plaintext(c fiber.Ctx) error {
	return c.SendString(httpwork.HelloWorld) // text/plain; charset=utf-8
}

func message(c fiber.Ctx) error {
	return c.JSON(httpwork.Message{Message: httpwork.HelloWorld})
}

func echo(c fiber.Ctx) error {
	var body httpwork.EchoBody
	if err := c.Bind().JSON(&body); err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "invalid JSON body: "+err.Error())
	}
	doc, err := body.Doc()
	if err != nil {
		return fiber.NewError(fiber.StatusBadRequest, err.Error())
	}
	return c.JSON(doc)
}
