// Package grpcbench is the grpc workload's Go service (workloads/grpc/README.md):
// the four methods of xlbench.grpc.v1.Bench on grpc-go, and the server that
// internal/serve runs under the server protocol.
package grpcbench

import (
	"context"
	"errors"
	"io"

	"xlbench/internal/grpcbench/pb"
)

// Sum is what every returned Item carries in `sum`: the values added with
// int64 wrap-around, as Rust's wrapping_add and the harness compute it.
func Sum(values []int64) int64 {
	var s int64
	for _, v := range values {
		s += v
	}
	return s
}

// Service implements pb.BenchServer.
type Service struct {
	pb.UnimplementedBenchServer
}

// Echo returns the request's Item with `sum` set.
func (Service) Echo(_ context.Context, item *pb.Item) (*pb.Item, error) {
	item.Sum = Sum(item.Values)
	return item, nil
}

// Stream sends `count` Items: the request's with ids item.id, item.id+1, ...
// Each is a new message (grpc-go may still hold a sent one) that shares the
// request's read-only values and text.
func (Service) Stream(req *pb.StreamRequest, stream pb.Bench_StreamServer) error {
	in := req.GetItem()
	if in == nil {
		in = &pb.Item{}
	}
	sum := Sum(in.Values)
	for i := uint64(0); i < uint64(req.Count); i++ {
		out := &pb.Item{Id: in.Id + i, Name: in.Name, Values: in.Values, Text: in.Text, Sum: sum}
		if err := stream.Send(out); err != nil {
			return err
		}
	}
	return nil
}

// Collect totals the Items of the call and answers once the client has
// half-closed.
func (Service) Collect(stream pb.Bench_CollectServer) error {
	var reply pb.CollectReply
	for {
		item, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return stream.SendAndClose(&reply)
		}
		if err != nil {
			return err
		}
		reply.Count++
		reply.Sum += Sum(item.Values)
		reply.LastId = item.Id
	}
}

// Chat answers every Item with itself, `sum` set, in the order received.
func (Service) Chat(stream pb.Bench_ChatServer) error {
	for {
		item, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		item.Sum = Sum(item.Values)
		if err := stream.Send(item); err != nil {
			return err
		}
	}
}
