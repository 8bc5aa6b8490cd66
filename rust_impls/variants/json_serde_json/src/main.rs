//! JSON workload, serde_json.

use xlb_driver::VariantInfo;
use xlb_json::{versions, SerdeJson};

fn main() {
    xlb_driver::main(
        VariantInfo {
            language: "rust",
            variant: "serde_json",
            library: "serde_json",
            library_version: versions::SERDE_JSON,
            backend: SerdeJson::backend(),
        },
        xlb_json::setup::<SerdeJson>,
    );
}
