// Package sqlapi is the Go service of the sql-api workload (workloads/sql-api):
// a small JSON API over the `users` table of a PostgreSQL database, with
// net/http routing and a pgx/v5 connection pool (pgxpool). The harness
// creates and fills the table; the service only reads and inserts rows.
//
//	GET  /users/{id}           one row by primary key: 200, 404 when absent, 400 for a bad id
//	GET  /users?limit=N&after=K rows with id > K (default 0) in id order, N in 1..100 (default 10)
//	POST /users                insert {"name","email","city","age","active"}: 201 with the row
package sqlapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The API's limits, the same in the Rust service.
const (
	DefaultLimit = 10
	MaxLimit     = 100
	MaxBodyBytes = 64 << 10
)

// User is one row, in the column order of the JSON object.
type User struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	City   string `json:"city"`
	Age    int32  `json:"age"`
	Active bool   `json:"active"`
}

// NewUserBody is the POST /users body as decoded: pointers, because
// encoding/json leaves a missing field at its zero value and every field is
// required. Unknown fields are ignored.
type NewUserBody struct {
	Name   *string `json:"name"`
	Email  *string `json:"email"`
	City   *string `json:"city"`
	Age    *int32  `json:"age"`
	Active *bool   `json:"active"`
}

// NewUser is a validated POST /users body.
type NewUser struct {
	Name, Email, City string
	Age               int32
	Active            bool
}

// Validate turns the decoded body into a NewUser, naming the first missing field.
func (b NewUserBody) Validate() (NewUser, error) {
	switch {
	case b.Name == nil:
		return NewUser{}, errors.New("missing field 'name'")
	case b.Email == nil:
		return NewUser{}, errors.New("missing field 'email'")
	case b.City == nil:
		return NewUser{}, errors.New("missing field 'city'")
	case b.Age == nil:
		return NewUser{}, errors.New("missing field 'age'")
	case b.Active == nil:
		return NewUser{}, errors.New("missing field 'active'")
	}
	return NewUser{*b.Name, *b.Email, *b.City, *b.Age, *b.Active}, nil
}

// Config is what the service reads from the request's params.
type Config struct {
	DatabaseURL string // params.database_url, set by the harness to its throwaway cluster
	PoolSize    int32  // params.pool_size: connections in the pool, the same in both languages
}

// ConfigFromParams reads database_url (string) and pool_size (integer >= 1).
func ConfigFromParams(params map[string]any) (Config, error) {
	url, ok := params["database_url"].(string)
	if !ok || url == "" {
		return Config{}, errors.New("params.database_url: must be a non-empty string")
	}
	n, err := intParam(params, "pool_size")
	if err != nil {
		return Config{}, err
	}
	if n < 1 || n > 1000 {
		return Config{}, fmt.Errorf("params.pool_size: must be in 1..1000, got %d", n)
	}
	return Config{DatabaseURL: url, PoolSize: int32(n)}, nil
}

func intParam(params map[string]any, key string) (int64, error) {
	switch v := params[key].(type) {
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return n, nil
		}
	case float64:
		if v == float64(int64(v)) {
			return int64(v), nil
		}
	case int:
		return int64(v), nil
	}
	return 0, fmt.Errorf("params.%s: must be an integer, got %v", key, params[key])
}

const (
	selectOne  = `SELECT id, name, email, city, age, active FROM users WHERE id = $1`
	selectPage = `SELECT id, name, email, city, age, active FROM users WHERE id > $1 ORDER BY id LIMIT $2`
	insertOne  = `INSERT INTO users (name, email, city, age, active) VALUES ($1, $2, $3, $4, $5)
	              RETURNING id, name, email, city, age, active`
)

// Store runs the API's three statements on a pool. pgx prepares each
// statement once per connection and caches it (its default exec mode).
type Store struct {
	Pool *pgxpool.Pool
}

// Open creates a pool of exactly cfg.PoolSize connections and opens all of
// them before returning, so no connection is set up during a measurement
// and a wrong URL fails at start. poolConfig may adjust the pool (tests set
// a search_path); it may be nil.
func Open(ctx context.Context, cfg Config, poolConfig func(*pgxpool.Config)) (*Store, error) {
	pc, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("database_url: %w", err)
	}
	pc.MaxConns = cfg.PoolSize
	pc.MinConns = 0
	if poolConfig != nil {
		poolConfig(pc)
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, err
	}
	// Hold every connection at once, each after a round trip, then give them back.
	conns := make([]*pgxpool.Conn, 0, cfg.PoolSize)
	defer func() {
		for _, c := range conns {
			c.Release()
		}
	}()
	for range cfg.PoolSize {
		c, err := pool.Acquire(ctx)
		if err == nil {
			err = c.Ping(ctx)
		}
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("connecting to the database: %w", err)
		}
		conns = append(conns, c)
	}
	return &Store{Pool: pool}, nil
}

func scanUser(row pgx.Row) (User, error) {
	var u User
	err := row.Scan(&u.ID, &u.Name, &u.Email, &u.City, &u.Age, &u.Active)
	return u, err
}

// Get returns the user with this id; found is false when there is none.
func (s *Store) Get(ctx context.Context, id int64) (u User, found bool, err error) {
	u, err = scanUser(s.Pool.QueryRow(ctx, selectOne, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, false, nil
	}
	return u, err == nil, err
}

// List returns up to limit users with id > after, in id order.
func (s *Store) List(ctx context.Context, after int64, limit int) ([]User, error) {
	rows, err := s.Pool.Query(ctx, selectPage, after, limit)
	if err != nil {
		return nil, err
	}
	users := make([]User, 0, limit) // never nil: an empty page is [] in JSON
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

// Insert adds a user and returns the stored row with its new id.
func (s *Store) Insert(ctx context.Context, n NewUser) (User, error) {
	return scanUser(s.Pool.QueryRow(ctx, insertOne, n.Name, n.Email, n.City, n.Age, n.Active))
}

// Routes is the API on a net/http ServeMux (method patterns).
func Routes(s *Store) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", s.getUser)
	mux.HandleFunc("GET /users", s.listUsers)
	mux.HandleFunc("POST /users", s.createUser)
	return mux
}

func (s *Store) getUser(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "id must be an integer")
		return
	}
	u, found, err := s.Get(r.Context(), id)
	switch {
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	case !found:
		writeError(w, http.StatusNotFound, fmt.Sprintf("user %d not found", id))
	default:
		writeJSON(w, http.StatusOK, u)
	}
}

// ParsePage reads limit and after from a query string's values.
func ParsePage(limitText, afterText string) (limit int, after int64, err error) {
	limit, after = DefaultLimit, 0
	if limitText != "" {
		n, err := strconv.Atoi(limitText)
		if err != nil || n < 1 || n > MaxLimit {
			return 0, 0, fmt.Errorf("limit must be an integer in 1..%d", MaxLimit)
		}
		limit = n
	}
	if afterText != "" {
		n, err := strconv.ParseInt(afterText, 10, 64)
		if err != nil || n < 0 {
			return 0, 0, errors.New("after must be a non-negative integer")
		}
		after = n
	}
	return limit, after, nil
}

func (s *Store) listUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, after, err := ParsePage(q.Get("limit"), q.Get("after"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	users, err := s.List(r.Context(), after, limit)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, users)
}

func (s *Store) createUser(w http.ResponseWriter, r *http.Request) {
	var body NewUserBody
	if err := json.NewDecoder(io.LimitReader(r.Body, MaxBodyBytes)).Decode(&body); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return
	}
	n, err := body.Validate()
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	u, err := s.Insert(r.Context(), n)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, u)
}

type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, errorBody{message})
}

// writeJSON sends v with an explicit Content-Length (net/http would switch a
// body over 2 KiB, such as a page of 100 users, to chunked encoding).
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding the response failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// Server is the http.Server plus the pool it closes on shutdown.
type Server struct {
	HTTP  *http.Server
	Store *Store
}

// NewServer opens the pool (bounded by startTimeout) and builds the routes.
func NewServer(cfg Config, startTimeout time.Duration) (*Server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	store, err := Open(ctx, cfg, nil)
	if err != nil {
		return nil, err
	}
	return &Server{HTTP: &http.Server{Handler: Routes(store)}, Store: store}, nil
}

// Serve serves HTTP on l until Shutdown.
func (s *Server) Serve(l net.Listener) error { return s.HTTP.Serve(l) }

// Shutdown stops accepting, waits for requests in flight (bounded by ctx),
// then closes the pool's connections.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.HTTP.Shutdown(ctx)
	s.Store.Pool.Close()
	return err
}
