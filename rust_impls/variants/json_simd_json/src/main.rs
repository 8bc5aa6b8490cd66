//! JSON workload, simd-json (parses the scratch buffer in place).

use xlb_driver::VariantInfo;
use xlb_json::{versions, SimdJson};

fn main() {
    xlb_driver::main(
        VariantInfo {
            language: "rust",
            variant: "simd_json",
            library: "simd-json",
            library_version: versions::SIMD_JSON,
            backend: SimdJson::backend(),
        },
        xlb_json::setup::<SimdJson>,
    );
}
