//! CSV workload, untyped: the `csv` crate with one reused `ByteRecord`.

use xlb_csv::Variant;
use xlb_driver::VariantInfo;

const VARIANT: Variant = Variant::ByteRecord;

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
