//! Untyped variant: the `csv` crate reading every record into one reused
//! `ByteRecord`.

use anyhow::Context;
use csv::{ByteRecord, ReaderBuilder};
use xlb_driver::Result;

use crate::aggregate::Aggregate;
use crate::op::Aggregator;
use crate::params::{column_index, CsvParams};

/// Aggregates any CSV by the column names in its params.
#[derive(Debug, Clone)]
pub struct ByteRecordAgg {
    params: CsvParams,
}

impl ByteRecordAgg {
    pub fn new(params: CsvParams) -> Self {
        ByteRecordAgg { params }
    }
}

impl Aggregator for ByteRecordAgg {
    fn aggregate(&self, input: &[u8]) -> Result<Aggregate> {
        aggregate_byterecord(input, &self.params)
    }
}

/// One operation: parse all of `input` and aggregate it.
///
/// A UTF-8 BOM at the very start is dropped by the reader itself (csv-core
/// strips one on its first read), so it is not stripped here as well: a
/// second BOM would then be eaten too.
pub fn aggregate_byterecord(input: &[u8], params: &CsvParams) -> Result<Aggregate> {
    // flexible(true): records of any length come back, and the field count
    // is checked here (count and skip) instead of failing the read.
    let mut reader = ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let (width, key, ints) = {
        let header = reader
            .byte_headers()
            .context("cannot read the CSV header")?;
        let key = column_index(header, &params.key, "params.key")?;
        let ints = params
            .int_columns
            .iter()
            .map(|name| column_index(header, name, "params.int_columns"))
            .collect::<Result<Vec<usize>>>()?;
        (header.len(), key, ints)
    };
    let mut agg = Aggregate::new(ints.len());
    let mut record = ByteRecord::new();
    while reader
        .read_byte_record(&mut record)
        .context("cannot read a CSV record")?
    {
        if record.len() != width {
            agg.bad_row();
            continue;
        }
        agg.add(&record[key], ints.iter().map(|&i| &record[i]));
    }
    Ok(agg)
}
