//! Word-frequency workload: std HashMap with rustc-hash's FxBuildHasher (tuned).

fn main() {
    xlb_wordfreq::main(xlb_wordfreq::Variant::FxHash);
}
