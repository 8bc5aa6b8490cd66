// Command http_gin is the `gin` variant of the http workload: gin in release
// mode on net/http's server, with gin's JSON codec (encoding/json unless gin
// is built with a codec tag; the hello line's backend says which).
package main

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	gincodec "github.com/gin-gonic/gin/codec/json"

	"xlbench/internal/driver"
	"xlbench/internal/httpwork"
	"xlbench/internal/serve"
)

func main() {
	serve.Main(serve.Variant{
		Name:      "gin",
		Framework: "gin",
		Library:   "gin-gonic/gin",
		Module:    "github.com/gin-gonic/gin",
		Backend:   "gin on net/http server, " + gincodec.Package,
		New:       newServer,
	})
}

func newServer(driver.Request) (serve.Server, error) {
	return &http.Server{Handler: routes()}, nil
}

func routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	// gin.New rather than gin.Default: Default adds the request logger, which
	// is off for fairness, as the Rust servers log nothing. Recovery, the
	// other half of Default, stays: a team ships it.
	r := gin.New()
	r.Use(gin.Recovery())
	r.GET(httpwork.PlaintextPath, plaintext)
	r.GET(httpwork.JSONPath, message)
	r.POST(httpwork.EchoPath, echo)
	return r
}

func plaintext(c *gin.Context) {
	c.String(http.StatusOK, httpwork.HelloWorld)
}

func message(c *gin.Context) {
	c.JSON(http.StatusOK, httpwork.Message{Message: httpwork.HelloWorld})
}

func echo(c *gin.Context) {
	var body httpwork.EchoBody
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid JSON body: " + err.Error()})
		return
	}
	doc, err := body.Doc()
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	// c.JSON sets no Content-Length, so net/http would chunk a document
	// larger than its 2 KiB buffer; marshal first and say the length.
	b, err := gincodec.API.Marshal(doc)
	if err != nil {
		c.AbortWithError(http.StatusInternalServerError, err)
		return
	}
	c.Header("Content-Length", strconv.Itoa(len(b)))
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
}
