package grpcbench

import (
	"context"
	"net"

	"google.golang.org/grpc"

	"xlbench/internal/driver"
	"xlbench/internal/grpcbench/pb"
	"xlbench/internal/serve"
)

// Server is a grpc-go server with the Bench service, shaped as internal/serve
// wants it: grpc.Server has GracefulStop, which takes no deadline, instead of
// Shutdown(ctx).
type Server struct {
	*grpc.Server
}

// NewServer builds the server with grpc-go's defaults (plaintext HTTP/2).
func NewServer() *Server {
	s := grpc.NewServer()
	pb.RegisterBenchServer(s, Service{})
	return &Server{s}
}

// New is serve.Variant.New.
func New(driver.Request) (serve.Server, error) { return NewServer(), nil }

// Serve accepts on l until a stop; grpc-go returns nil after either stop.
func (s *Server) Serve(l net.Listener) error { return s.Server.Serve(l) }

// Shutdown stops accepting, lets the calls in flight finish and closes the
// connections (GracefulStop); if ctx ends first the rest are cut (Stop).
func (s *Server) Shutdown(ctx context.Context) error {
	stopped := make(chan struct{})
	go func() {
		s.GracefulStop()
		close(stopped)
	}()
	select {
	case <-stopped:
		return nil
	case <-ctx.Done():
		s.Stop()
		<-stopped
		return ctx.Err()
	}
}
