//! Fan-out workload: tokio::spawn on the multi-thread runtime (worker_threads = request threads).

fn main() {
    xlb_fanout::main(xlb_fanout::Variant::TokioMt);
}
