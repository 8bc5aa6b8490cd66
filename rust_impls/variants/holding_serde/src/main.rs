//! Holding-state workload: serde_json into typed structs, every document kept in one Vec.

fn main() {
    xlb_holding::main();
}
