//! The `json` workload (workloads/json/README.md) for the Rust variants:
//! typed shapes and checksums, `json_stats` walkers, and the shared
//! copy-then-parse operation, generic over the library.

pub mod libs;
pub mod op;
pub mod shapes;
pub mod stats;

use anyhow::bail;
use xlb_driver::{Operation, Request, Result};

pub use libs::{versions, JsonLib, SerdeJson, SimdJson, SonicRs};
pub use op::{DomOp, TypedOp};
pub use shapes::{Citm, Order, Orders, Twitter, TypedDoc};
pub use stats::JsonStats;

/// The variant setup: validate the request, read the input (untimed) and
/// build the operation for its mode and schema.
pub fn setup<L: JsonLib>(request: &Request) -> Result<Box<dyn Operation>> {
    if request.workload != "json" {
        bail!(
            "request field `workload`: this variant runs \"json\", got {:?}",
            request.workload
        );
    }
    let input = request.input.read()?;
    build_op::<L>(&request.mode, &request.input.schema, input)
}

/// The operation for a mode (`typed`, `dom`) and schema, on `input`.
pub fn build_op<L: JsonLib>(
    mode: &str,
    schema: &str,
    input: Vec<u8>,
) -> Result<Box<dyn Operation>> {
    Ok(match mode {
        "dom" => Box::new(DomOp::<L>::new(input)),
        "typed" => match schema {
            "order" => Box::new(TypedOp::<L, Order>::new(input)),
            "orders" => Box::new(TypedOp::<L, Orders>::new(input)),
            "twitter" => Box::new(TypedOp::<L, Twitter>::new(input)),
            "citm" => Box::new(TypedOp::<L, Citm>::new(input)),
            other => bail!(
                "request field `input.schema`: unknown schema {other:?} (expected order, orders, twitter or citm)"
            ),
        },
        other => bail!("request field `mode`: unknown mode {other:?} (expected typed or dom)"),
    })
}
