//! Fan-out workload: tokio::spawn on the current-thread runtime.

fn main() {
    xlb_fanout::main(xlb_fanout::Variant::TokioCt);
}
