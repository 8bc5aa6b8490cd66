//! Typed variant: each record deserialised with serde into a struct of the
//! input's schema. Every field is borrowed text (`&str`): the int columns are
//! parsed by the workload's integer rule, so an empty or odd value is skipped
//! exactly as in the untyped variant, and the other columns are just carried.

use std::marker::PhantomData;

use anyhow::{bail, Context};
use csv::{ReaderBuilder, StringRecord};
use serde::Deserialize;
use xlb_driver::Result;

use crate::aggregate::Aggregate;
use crate::op::Aggregator;
use crate::params::{column_index, CsvParams};

/// A schema the typed variant knows: its row struct and which of its fields
/// are the key and the int columns (the params must name exactly these).
pub trait Schema: 'static {
    const NAME: &'static str;
    const KEY: &'static str;
    const INT_COLUMNS: &'static [&'static str];
    type Row<'r>: Deserialize<'r>;

    /// Adds one deserialised row to `agg`.
    fn add_to(row: &Self::Row<'_>, agg: &mut Aggregate);
}

/// `nfl`: play-by-play rows of nfl.csv.
pub struct Nfl;

#[derive(Debug, Deserialize)]
pub struct NflRow<'r> {
    pub gameid: &'r str,
    pub qtr: &'r str,
    pub min: &'r str,
    pub sec: &'r str,
    pub off: &'r str,
    pub def: &'r str,
    pub down: &'r str,
    pub togo: &'r str,
    pub ydline: &'r str,
    pub description: &'r str,
    pub offscore: &'r str,
    pub defscore: &'r str,
    pub season: &'r str,
}

impl Schema for Nfl {
    const NAME: &'static str = "nfl";
    const KEY: &'static str = "off";
    const INT_COLUMNS: &'static [&'static str] = &["ydline", "togo", "offscore", "defscore"];
    type Row<'r> = NflRow<'r>;

    #[inline]
    fn add_to(row: &NflRow<'_>, agg: &mut Aggregate) {
        agg.add(
            row.off.as_bytes(),
            [row.ydline, row.togo, row.offscore, row.defscore].map(str::as_bytes),
        );
    }
}

/// `sales`: the generated orders (csv_sales).
pub struct Sales;

#[derive(Debug, Deserialize)]
pub struct SalesRow<'r> {
    pub order_id: &'r str,
    pub store: &'r str,
    pub customer: &'r str,
    pub product: &'r str,
    pub quantity: &'r str,
    pub price_cents: &'r str,
    pub discount_pct: &'r str,
    pub comment: &'r str,
    pub created_at: &'r str,
}

impl Schema for Sales {
    const NAME: &'static str = "sales";
    const KEY: &'static str = "store";
    const INT_COLUMNS: &'static [&'static str] = &["quantity", "price_cents", "discount_pct"];
    type Row<'r> = SalesRow<'r>;

    #[inline]
    fn add_to(row: &SalesRow<'_>, agg: &mut Aggregate) {
        agg.add(
            row.store.as_bytes(),
            [row.quantity, row.price_cents, row.discount_pct].map(str::as_bytes),
        );
    }
}

/// The typed aggregator for schema `S`.
pub struct SerdeAgg<S> {
    _schema: PhantomData<fn() -> S>,
}

impl<S: Schema> SerdeAgg<S> {
    /// The struct fixes the key and int columns: `params` must name the same
    /// ones, in the same order (that order is the output's).
    pub fn new(params: &CsvParams) -> Result<Self> {
        if params.key != S::KEY || params.int_columns != S::INT_COLUMNS {
            bail!(
                "request field `params`: the typed {} schema aggregates key {:?} with int columns {:?}, \
                 but params ask for key {:?} with int columns {:?}",
                S::NAME,
                S::KEY,
                S::INT_COLUMNS,
                params.key,
                params.int_columns
            );
        }
        Ok(SerdeAgg {
            _schema: PhantomData,
        })
    }
}

impl<S: Schema> Aggregator for SerdeAgg<S> {
    fn aggregate(&self, input: &[u8]) -> Result<Aggregate> {
        aggregate_typed::<S>(input)
    }
}

/// One operation: parse all of `input` into `S::Row`s and aggregate them.
/// Records are read into one reused `StringRecord` (so the text is checked to
/// be UTF-8) and deserialised by header name, borrowing from it. A record
/// whose field count differs from the header's is counted and skipped before
/// it is deserialised. The BOM is the reader's business, as in the untyped
/// variant.
pub fn aggregate_typed<S: Schema>(input: &[u8]) -> Result<Aggregate> {
    let mut reader = ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let header = reader
        .headers()
        .context("cannot read the CSV header")?
        .clone();
    // Fail on a header without the columns even when no record follows.
    column_index(header.as_byte_record(), S::KEY, "params.key")?;
    for name in S::INT_COLUMNS {
        column_index(header.as_byte_record(), name, "params.int_columns")?;
    }
    let mut agg = Aggregate::new(S::INT_COLUMNS.len());
    let mut record = StringRecord::new();
    while reader
        .read_record(&mut record)
        .context("cannot read a CSV record")?
    {
        if record.len() != header.len() {
            agg.bad_row();
            continue;
        }
        let row: S::Row<'_> = record
            .deserialize(Some(&header))
            .with_context(|| format!("cannot deserialise a record into the {} schema", S::NAME))?;
        S::add_to(&row, &mut agg);
    }
    Ok(agg)
}
