// Command http_echo is the `echo` variant of the http workload: labstack
// echo v4 on net/http's server, with encoding/json.
package main

import (
	"encoding/json"
	"net"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"xlbench/internal/driver"
	"xlbench/internal/httpwork"
	"xlbench/internal/serve"
)

func main() {
	serve.Main(serve.Variant{
		Name:      "echo",
		Framework: "echo",
		Library:   "labstack/echo",
		Module:    "github.com/labstack/echo/v4",
		Backend:   "echo on net/http server, encoding/json",
		New:       newServer,
	})
}

// echoServer serves an *echo.Echo on the driver's listener: Start uses
// e.Listener when it is set. Shutdown is echo's own.
type echoServer struct{ *echo.Echo }

func (s echoServer) Serve(l net.Listener) error {
	s.Listener = l
	return s.Start("")
}

func newServer(driver.Request) (serve.Server, error) {
	return echoServer{routes()}, nil
}

func routes() *echo.Echo {
	e := echo.New() // no middleware: echo has no logger unless one is added
	e.HideBanner = true
	e.HidePort = true
	e.GET(httpwork.PlaintextPath, plaintext)
	e.GET(httpwork.JSONPath, message)
	e.POST(httpwork.EchoPath, echoDoc)
	return e
}

func plaintext(c echo.Context) error {
	return c.String(http.StatusOK, httpwork.HelloWorld)
}

func message(c echo.Context) error {
	return writeJSON(c, httpwork.Message{Message: httpwork.HelloWorld})
}

func echoDoc(c echo.Context) error {
	var body httpwork.EchoBody
	if err := c.Bind(&body); err != nil {
		return err // an *echo.HTTPError with status 400
	}
	doc, err := body.Doc()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	return writeJSON(c, doc)
}

// writeJSON marshals v and sends it with its Content-Length. c.JSON is not
// used: echo's serializer streams through json.Encoder, which appends a
// newline (so /json would not be byte-exact), and sets no Content-Length (so
// net/http chunks a body larger than its 2 KiB buffer).
func writeJSON(c echo.Context, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(len(b)))
	return c.JSONBlob(http.StatusOK, b)
}
