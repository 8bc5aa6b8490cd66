//! The `csv` workload (workloads/csv/README.md) for the Rust variants: parse
//! an in-memory CSV with the `csv` crate and aggregate integer columns by a
//! key, untyped (`ByteRecord`) or typed (serde structs per schema); then the
//! canonical output text and its checksum.

pub mod aggregate;
pub mod byterecord;
pub mod int;
pub mod op;
pub mod params;
pub mod typed;

use anyhow::bail;
use xlb_driver::{Operation, Request, Result, VariantInfo};

pub use aggregate::{fnv1a64, Aggregate, ColumnStats, Group};
pub use byterecord::{aggregate_byterecord, ByteRecordAgg};
pub use int::parse_int;
pub use op::{Aggregator, CsvOp};
pub use params::CsvParams;
pub use typed::{aggregate_typed, Nfl, Sales, Schema, SerdeAgg};

/// Resolved crate versions, taken from Cargo.lock by build.rs.
pub mod versions {
    pub const CSV: &str = env!("XLB_VERSION_CSV");
    pub const SERDE: &str = env!("XLB_VERSION_SERDE");
}

/// The two Rust variants of the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// `csv_byterecord`: untyped, one reused `ByteRecord`.
    ByteRecord,
    /// `csv_serde`: typed, a serde struct per schema.
    Serde,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::ByteRecord, Variant::Serde];

    /// Variant name, as in workload.json (also the binary's name).
    pub fn name(self) -> &'static str {
        match self {
            Variant::ByteRecord => "csv_byterecord",
            Variant::Serde => "csv_serde",
        }
    }

    /// `library` of the hello line, as in workload.json.
    pub fn library(self) -> &'static str {
        match self {
            Variant::ByteRecord => "csv",
            Variant::Serde => "csv + serde",
        }
    }

    /// `library_version` of the hello line.
    pub fn library_version(self) -> &'static str {
        match self {
            Variant::ByteRecord => versions::CSV,
            Variant::Serde => concat!(env!("XLB_VERSION_CSV"), " + ", env!("XLB_VERSION_SERDE")),
        }
    }

    /// What really runs: one code path each (csv-core's DFA parser), with the
    /// std HashMap and its default SipHash hasher.
    pub fn backend(self) -> String {
        match self {
            Variant::ByteRecord => {
                "csv ByteRecord reuse (flexible, wrong field counts skipped), std HashMap (SipHash)"
            }
            Variant::Serde => {
                "csv StringRecord reuse + serde borrowed &str structs, std HashMap (SipHash)"
            }
        }
        .to_string()
    }
}

/// The whole `main` of the `variant` binary: the protocol on stdout, exit
/// status 1 on failure.
pub fn main(variant: Variant) {
    xlb_driver::main(
        VariantInfo {
            language: "rust",
            variant: variant.name(),
            library: variant.library(),
            library_version: variant.library_version(),
            backend: variant.backend(),
        },
        |request| setup(variant, request),
    );
}

/// The variant setup: validate the request, read the input (untimed) and
/// build the operation.
pub fn setup(variant: Variant, request: &Request) -> Result<Box<dyn Operation>> {
    if request.workload != "csv" {
        bail!(
            "request field `workload`: this variant runs \"csv\", got {:?}",
            request.workload
        );
    }
    if request.mode != "memory" {
        bail!(
            "request field `mode`: unknown mode {:?} (expected memory)",
            request.mode
        );
    }
    let params = CsvParams::from_map(&request.params)?;
    let input = request.input.read()?;
    build_op(variant, &request.input.schema, &params, input)
}

/// The operation of `variant` on `input`.
pub fn build_op(
    variant: Variant,
    schema: &str,
    params: &CsvParams,
    input: Vec<u8>,
) -> Result<Box<dyn Operation>> {
    Ok(Box::new(CsvOp::new(
        input,
        aggregator(variant, schema, params)?,
    )))
}

/// The aggregator of `variant`. The untyped variant reads any schema; the
/// typed one knows `nfl` and `sales`, and only with their own key and int
/// columns.
pub fn aggregator(
    variant: Variant,
    schema: &str,
    params: &CsvParams,
) -> Result<Box<dyn Aggregator>> {
    Ok(match variant {
        Variant::ByteRecord => Box::new(ByteRecordAgg::new(params.clone())),
        Variant::Serde => match schema {
            "nfl" => Box::new(SerdeAgg::<Nfl>::new(params)?),
            "sales" => Box::new(SerdeAgg::<Sales>::new(params)?),
            other => bail!(
                "request field `input.schema`: the typed variant has no struct for schema {other:?} (expected nfl or sales)"
            ),
        },
    })
}

/// One operation's result for `variant`, outside the driver (tests, tools).
pub fn aggregate_once(
    variant: Variant,
    schema: &str,
    params: &CsvParams,
    input: &[u8],
) -> Result<Aggregate> {
    aggregator(variant, schema, params)?.aggregate(input)
}
