// Command grpc_go is the Go variant of the grpc workload: grpc-go serving
// xlbench.grpc.v1.Bench over plaintext HTTP/2 (workloads/grpc/README.md).
package main

import (
	"xlbench/internal/grpcbench"
	"xlbench/internal/serve"
)

func main() {
	serve.Main(serve.Variant{
		Name:      "grpc-go",
		Framework: "grpc-go",
		Library:   "grpc-go",
		Module:    "google.golang.org/grpc",
		Backend:   "grpc-go server (HTTP/2 without TLS), protobuf-go messages",
		New:       grpcbench.New,
	})
}
