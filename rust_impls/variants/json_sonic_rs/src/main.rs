//! JSON workload, sonic-rs.

use xlb_driver::VariantInfo;
use xlb_json::{versions, SonicRs};

fn main() {
    xlb_driver::main(
        VariantInfo {
            language: "rust",
            variant: "sonic_rs",
            library: "sonic-rs",
            library_version: versions::SONIC_RS,
            backend: SonicRs::backend(),
        },
        xlb_json::setup::<SonicRs>,
    );
}
