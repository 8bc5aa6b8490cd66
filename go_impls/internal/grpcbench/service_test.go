package grpcbench

import (
	"context"
	"errors"
	"io"
	"math"
	"net"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"

	"xlbench/internal/grpcbench/pb"
)

// start serves the Bench service on 127.0.0.1:0 and returns a client to it.
func start(t *testing.T) (*Server, pb.BenchClient) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer()
	go srv.Serve(ln)
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(ln.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return srv, pb.NewBenchClient(conn)
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// small is an Item with `text` empty; sum -15 (with a negative value).
func small(id uint64) *pb.Item {
	return &pb.Item{Id: id, Name: "xlbench", Values: []int64{1, -2, 3, -4, 5, -6, 7, -19}}
}

// oneK is small with a 960-byte text: about 1 KB encoded.
func oneK(id uint64) *pb.Item {
	item := small(id)
	item.Text = strings.Repeat("0123456789abcdef", 60)
	return item
}

// answered is what the server must send back for in: in with `sum` set.
func answered(in *pb.Item, sum int64) *pb.Item {
	out := proto.Clone(in).(*pb.Item)
	out.Sum = sum
	return out
}

func check(t *testing.T, what string, got, want proto.Message) {
	t.Helper()
	if !proto.Equal(got, want) {
		t.Fatalf("%s: got %v\nwant %v", what, got, want)
	}
}

// TestItemSizes pins the encoded sizes workloads/grpc/README.md gives.
func TestItemSizes(t *testing.T) {
	for _, c := range []struct {
		what string
		item *pb.Item
		size int
	}{
		{"small", small(1), 57},
		{"small answered", answered(small(1), -15), 68},
		{"1k", oneK(1), 1020},
		{"1k answered", answered(oneK(1), -15), 1031},
	} {
		if n := proto.Size(c.item); n != c.size {
			t.Errorf("the %s Item encodes to %d bytes, want %d", c.what, n, c.size)
		}
	}
}

func TestEcho(t *testing.T) {
	_, client := start(t)
	ctx := testContext(t)
	overflow := &pb.Item{Id: math.MaxUint64, Values: []int64{math.MaxInt64, 2}}
	cases := []struct {
		what string
		in   *pb.Item
		sum  int64
	}{
		{"small", small(7), -15},
		{"1k", oneK(8), -15},
		{"empty", &pb.Item{}, 0},
		{"wrap-around", overflow, math.MinInt64 + 1},
	}
	for _, c := range cases {
		got, err := client.Echo(ctx, c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		check(t, "Echo "+c.what, got, answered(c.in, c.sum))
	}
}

func TestStream(t *testing.T) {
	_, client := start(t)
	ctx := testContext(t)
	for _, count := range []uint32{0, 1, 1000} {
		for _, in := range []*pb.Item{small(100), oneK(math.MaxUint64 - 1)} {
			stream, err := client.Stream(ctx, &pb.StreamRequest{Item: in, Count: count})
			if err != nil {
				t.Fatal(err)
			}
			var n uint32
			for ; ; n++ {
				got, err := stream.Recv()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("count %d, Item %d: %v", count, n, err)
				}
				want := answered(in, -15)
				want.Id = in.Id + uint64(n) // wraps past 2^64-1, as documented
				check(t, "Stream item", got, want)
			}
			if n != count {
				t.Fatalf("Stream with count %d sent %d Items", count, n)
			}
		}
	}
}

func TestCollect(t *testing.T) {
	_, client := start(t)
	ctx := testContext(t)
	for _, count := range []uint64{0, 1, 500} {
		stream, err := client.Collect(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := uint64(0); i < count; i++ {
			in := oneK(1000 + i)
			in.Values = append(in.Values, int64(i))
			if err := stream.Send(in); err != nil {
				t.Fatal(err)
			}
		}
		got, err := stream.CloseAndRecv()
		if err != nil {
			t.Fatal(err)
		}
		// Items 1000..1000+count-1, each summing to -15 + i.
		want := &pb.CollectReply{Count: count, Sum: -15*int64(count) + int64(count*(count-1)/2)}
		if count > 0 {
			want.LastId = 1000 + count - 1
		}
		check(t, "Collect", got, want)
	}
}

// TestChatManyInFlight sends every Item before reading any answer, so the
// server has them all in flight; the answers must come back in order.
func TestChatManyInFlight(t *testing.T) {
	_, client := start(t)
	ctx := testContext(t)
	const n = 2000
	stream, err := client.Chat(ctx)
	if err != nil {
		t.Fatal(err)
	}
	item := func(i int) *pb.Item {
		if i%2 == 0 {
			return small(uint64(i))
		}
		return oneK(uint64(i))
	}
	sent := make(chan error, 1)
	go func() {
		for i := 0; i < n; i++ {
			if err := stream.Send(item(i)); err != nil {
				sent <- err
				return
			}
		}
		sent <- stream.CloseSend()
	}()
	for i := 0; i < n; i++ {
		got, err := stream.Recv()
		if err != nil {
			t.Fatalf("answer %d: %v", i, err)
		}
		check(t, "Chat answer", got, answered(item(i), -15))
	}
	if _, err := stream.Recv(); !errors.Is(err, io.EOF) {
		t.Fatalf("after %d answers: %v, want the end of the stream", n, err)
	}
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
}

// openChat starts a Chat call and makes one round trip on it, so the server
// has the call in flight.
func openChat(t *testing.T, ctx context.Context, client pb.BenchClient) pb.Bench_ChatClient {
	t.Helper()
	stream, err := client.Chat(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(small(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != nil {
		t.Fatal(err)
	}
	return stream
}

// TestShutdownWaitsForCallsInFlight: a Chat open when Shutdown begins goes
// on until the client ends it, and only then does Shutdown return.
func TestShutdownWaitsForCallsInFlight(t *testing.T) {
	srv, client := start(t)
	ctx := testContext(t)
	stream := openChat(t, ctx, client)
	stopped := make(chan error, 1)
	go func() { stopped <- srv.Shutdown(ctx) }()
	time.Sleep(100 * time.Millisecond)
	select {
	case err := <-stopped:
		t.Fatalf("Shutdown returned %v with a call in flight", err)
	default:
	}
	if err := stream.Send(small(2)); err != nil {
		t.Fatal(err)
	}
	got, err := stream.Recv()
	if err != nil {
		t.Fatalf("the call in flight failed during the shutdown: %v", err)
	}
	check(t, "Chat answer during shutdown", got, answered(small(2), -15))
	stream.CloseSend()
	if _, err := stream.Recv(); !errors.Is(err, io.EOF) {
		t.Fatalf("end of the call: %v", err)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
}

// TestShutdownDeadlineCutsCalls: a call that does not end within the
// deadline is cut and Shutdown says so.
func TestShutdownDeadlineCutsCalls(t *testing.T) {
	srv, client := start(t)
	stream := openChat(t, testContext(t), client)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown: %v, want the deadline exceeded", err)
	}
	if _, err := stream.Recv(); err == nil {
		t.Fatal("the cut call still answered")
	}
}
