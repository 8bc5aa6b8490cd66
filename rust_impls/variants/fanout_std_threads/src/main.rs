//! Fan-out workload: one std::thread per task (default stack size).

fn main() {
    xlb_fanout::main(xlb_fanout::Variant::StdThreads);
}
