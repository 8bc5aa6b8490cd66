//! CSV workload, untyped: the `csv` crate with one reused `ByteRecord`.

fn main() {
    xlb_csv::main(xlb_csv::Variant::ByteRecord);
}
