// Command sqlapi_nethttp is the Go service of the sql-api workload: net/http
// (ServeMux method patterns) in front of PostgreSQL through a pgx/v5 pool.
// The database URL and the pool size come in the request's params.
package main

import (
	"time"

	"xlbench/internal/driver"
	"xlbench/internal/serve"
	"xlbench/internal/sqlapi"
)

func main() {
	serve.Main(serve.Variant{
		Name:      "nethttp_pgx",
		Framework: "net/http",
		Module:    "github.com/jackc/pgx/v5",
		Backend:   "net/http server + ServeMux, encoding/json, pgx/v5 pgxpool",
		New:       newServer,
	})
}

func newServer(req driver.Request) (serve.Server, error) {
	cfg, err := sqlapi.ConfigFromParams(req.Params)
	if err != nil {
		return nil, err
	}
	return sqlapi.NewServer(cfg, 30*time.Second)
}
