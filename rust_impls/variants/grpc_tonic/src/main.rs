//! gRPC workload: tonic. The Bench service of xlb_grpc served by tonic's
//! server (hyper, HTTP/2 without TLS) on a tokio multi-thread runtime with
//! `worker_threads = threads`, under the server protocol of xlb_http.

use xlb_http::VariantInfo;

fn main() {
    let tonic = xlb_grpc::versions::TONIC;
    let info = VariantInfo {
        language: "rust",
        variant: "tonic",
        library: "tonic",
        library_version: tonic,
        backend: format!(
            "tonic {tonic} server (hyper HTTP/2 without TLS), prost {} messages, tokio {} multi-thread runtime",
            xlb_grpc::versions::PROST,
            xlb_http::versions::TOKIO
        ),
    };
    xlb_http::serve_main(info, |launch, announcer| {
        xlb_http::run_on_tokio(launch, announcer, xlb_grpc::serve)
    });
}
