// The load generator's per-response work: parsing a response and recording
// its latency. Both must stay far below the cost of the syscalls around them.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "loadgen/http_response_parser.hpp"
#include "loadgen/latency_histogram.hpp"

namespace {

const std::string kPlaintext =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\n"
    "Date: Sat, 22 Nov 2025 12:00:00 GMT\r\n\r\nHello, World!";
const std::string kJson =
    "HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: application/json\r\nContent-Length: 27\r\n"
    "Date: Sat, 22 Nov 2025 12:00:00 GMT\r\n\r\n{\"message\":\"Hello, World!\"}";
const std::string kChunked =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    "1b\r\n{\"message\":\"Hello, World!\"}\r\n0\r\n\r\n";

void parse_one(benchmark::State& state, const std::string& response) {
  xlb::HttpResponseParser parser;
  for (auto _ : state) {
    benchmark::DoNotOptimize(parser.feed(response));
    if (!parser.complete()) state.SkipWithError("response did not parse");
    parser.reset();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * response.size()));
}

void BM_ParsePlaintextResponse(benchmark::State& state) { parse_one(state, kPlaintext); }
BENCHMARK(BM_ParsePlaintextResponse);

void BM_ParseJsonResponse(benchmark::State& state) { parse_one(state, kJson); }
BENCHMARK(BM_ParseJsonResponse);

void BM_ParseChunkedResponse(benchmark::State& state) { parse_one(state, kChunked); }
BENCHMARK(BM_ParseChunkedResponse);

// A response that arrives in two reads, cut inside the headers.
void BM_ParseSplitResponse(benchmark::State& state) {
  xlb::HttpResponseParser parser;
  const std::string_view first = std::string_view(kJson).substr(0, 40);
  const std::string_view second = std::string_view(kJson).substr(40);
  for (auto _ : state) {
    parser.feed(first);
    benchmark::DoNotOptimize(parser.feed(second));
    parser.reset();
  }
}
BENCHMARK(BM_ParseSplitResponse);

// 16 pipelined responses in one read, per response.
void BM_ParsePipelined(benchmark::State& state) {
  std::string many;
  for (int i = 0; i < 16; ++i) many += kJson;
  xlb::HttpResponseParser parser;
  for (auto _ : state) {
    std::string_view rest(many);
    while (!rest.empty()) {
      rest.remove_prefix(parser.feed(rest));
      parser.reset();
    }
  }
  state.SetItemsProcessed(state.iterations() * 16);
}
BENCHMARK(BM_ParsePipelined);

void BM_HistogramRecord(benchmark::State& state) {
  std::mt19937_64 rng(1);
  std::lognormal_distribution<double> dist(std::log(100'000.0), 1.5);
  std::vector<std::int64_t> values(4096);
  for (auto& v : values) v = static_cast<std::int64_t>(dist(rng));
  xlb::LatencyHistogram h;
  std::size_t i = 0;
  for (auto _ : state) {
    h.record(values[i++ & 4095]);
  }
  benchmark::DoNotOptimize(h.count());
}
BENCHMARK(BM_HistogramRecord);

void BM_HistogramMerge(benchmark::State& state) {
  xlb::LatencyHistogram a, b;
  for (std::int64_t v = 1000; v < 10'000'000'000; v = v * 11 / 10) b.record(v);
  for (auto _ : state) a.merge(b);
  benchmark::DoNotOptimize(a.count());
}
BENCHMARK(BM_HistogramMerge);

void BM_HistogramPercentiles(benchmark::State& state) {
  xlb::LatencyHistogram h;
  std::mt19937_64 rng(2);
  std::lognormal_distribution<double> dist(std::log(100'000.0), 1.5);
  for (int i = 0; i < 100000; ++i) h.record(static_cast<std::int64_t>(dist(rng)));
  for (auto _ : state) {
    for (double q : {0.5, 0.9, 0.99, 0.999}) benchmark::DoNotOptimize(h.percentile_ns(q));
  }
}
BENCHMARK(BM_HistogramPercentiles);

}  // namespace
