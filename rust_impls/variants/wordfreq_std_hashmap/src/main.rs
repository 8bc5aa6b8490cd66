//! Word-frequency workload: std HashMap with the default hasher (SipHash-1-3).

fn main() {
    xlb_wordfreq::main(xlb_wordfreq::Variant::StdHashMap);
}
