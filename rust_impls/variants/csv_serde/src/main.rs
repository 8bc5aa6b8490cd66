//! CSV workload, typed: the `csv` crate deserialising each record into a
//! serde struct of the input's schema.

use xlb_csv::Variant;
use xlb_driver::VariantInfo;

const VARIANT: Variant = Variant::Serde;

fn main() {
    xlb_driver::main(
        VariantInfo {
            language: "rust",
            variant: VARIANT.name(),
            library: VARIANT.library(),
            library_version: VARIANT.library_version(),
            backend: VARIANT.backend(),
        },
        |request| xlb_csv::setup(VARIANT, request),
    );
}
