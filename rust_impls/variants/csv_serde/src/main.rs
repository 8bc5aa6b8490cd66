//! CSV workload, typed: the `csv` crate deserialising each record into a
//! serde struct of the input's schema.

fn main() {
    xlb_csv::main(xlb_csv::Variant::Serde);
}
