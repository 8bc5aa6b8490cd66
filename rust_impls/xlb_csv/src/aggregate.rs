//! Group-by aggregation, the canonical output text and its checksum
//! (workloads/csv/README.md, "Aggregation", "Output", "Checksum").

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use crate::int::parse_int;

/// `n`/`sum`/`min`/`max` of one int column within one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnStats {
    pub n: i64,
    pub sum: i64,
    pub min: i64,
    pub max: i64,
}

impl ColumnStats {
    const EMPTY: ColumnStats = ColumnStats {
        n: 0,
        sum: 0,
        min: i64::MAX,
        max: i64::MIN,
    };

    #[inline]
    fn add(&mut self, value: i64) {
        self.n += 1;
        self.sum = self.sum.wrapping_add(value);
        self.min = self.min.min(value);
        self.max = self.max.max(value);
    }

    /// `n sum min max` as printed; all zeros when no value parsed.
    pub fn printed(&self) -> [i64; 4] {
        if self.n == 0 {
            [0; 4]
        } else {
            [self.n, self.sum, self.min, self.max]
        }
    }
}

/// One group: its record count and the stats of each int column, in
/// `params.int_columns` order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub count: i64,
    pub columns: Vec<ColumnStats>,
}

/// The result of one operation: groups keyed by the key field's bytes.
///
/// The map is the idiomatic `std::collections::HashMap` with its default
/// hasher (`RandomState`, SipHash-1-3); no faster hasher is swapped in.
#[derive(Debug, Clone)]
pub struct Aggregate {
    pub groups: HashMap<Vec<u8>, Group>,
    /// How many int columns each group tracks.
    pub int_columns: usize,
    /// Records aggregated.
    pub rows: i64,
    /// Records skipped because their field count differs from the header's.
    pub bad_rows: i64,
}

impl Aggregate {
    pub fn new(int_columns: usize) -> Self {
        Aggregate {
            groups: HashMap::new(),
            int_columns,
            rows: 0,
            bad_rows: 0,
        }
    }

    /// Adds one well-formed record: its key field and the raw text of its int
    /// columns (in `params.int_columns` order; values that do not follow the
    /// integer rule are skipped).
    #[inline]
    pub fn add<'v, I>(&mut self, key: &[u8], values: I)
    where
        I: IntoIterator<Item = &'v [u8]>,
    {
        self.rows += 1;
        // Look up by borrowed bytes: the key is copied only for a new group.
        let group = match self.groups.get_mut(key) {
            Some(group) => group,
            None => self.groups.entry(key.to_vec()).or_insert_with(|| Group {
                count: 0,
                columns: vec![ColumnStats::EMPTY; self.int_columns],
            }),
        };
        group.count += 1;
        for (stats, value) in group.columns.iter_mut().zip(values) {
            if let Some(v) = parse_int(value) {
                stats.add(v);
            }
        }
    }

    /// Counts one record skipped for its field count.
    #[inline]
    pub fn bad_row(&mut self) {
        self.bad_rows += 1;
    }

    /// The canonical text: groups sorted by key bytes (unsigned bytewise),
    /// `key\tcount\tn\tsum\tmin\tmax...\n`, then `rows\tR\tbad_rows\tB\n`.
    pub fn canonical_text(&self) -> Vec<u8> {
        let mut keys: Vec<&Vec<u8>> = self.groups.keys().collect();
        // `[u8]` orders lexicographically by unsigned bytes.
        keys.sort_unstable();
        let mut out = Vec::new();
        for key in keys {
            let group = &self.groups[key];
            out.extend_from_slice(key);
            write!(out, "\t{}", group.count).unwrap();
            for stats in &group.columns {
                for v in stats.printed() {
                    write!(out, "\t{v}").unwrap();
                }
            }
            out.push(b'\n');
        }
        writeln!(out, "rows\t{}\tbad_rows\t{}", self.rows, self.bad_rows).unwrap();
        out
    }

    /// The `check` line's checksum.
    pub fn checksum(&self) -> BTreeMap<String, i64> {
        let text = self.canonical_text();
        BTreeMap::from([
            ("groups".to_string(), self.groups.len() as i64),
            ("rows".to_string(), self.rows),
            ("bad_rows".to_string(), self.bad_rows),
            ("output_bytes".to_string(), text.len() as i64),
            ("output_fnv1a".to_string(), fnv1a64(&text) as i64),
        ])
    }
}

/// 64-bit FNV-1a (offset basis 14695981039346656037, prime 1099511628211).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_known_values() {
        assert_eq!(fnv1a64(b""), 14_695_981_039_346_656_037);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn aggregates_sorts_and_prints() {
        let mut agg = Aggregate::new(2);
        agg.add(b"b", [&b"5"[..], b""]);
        agg.add(b"a", [&b"x"[..], b"-2"]);
        agg.add(b"b", [&b"-1"[..], b"+3"]);
        agg.add(b"\xc3\xa9", [&b"1"[..], b"1"]); // "é" sorts after ASCII
        agg.add(b"B", [&b""[..], b""]);
        agg.bad_row();
        assert_eq!(
            String::from_utf8(agg.canonical_text()).unwrap(),
            "B\t1\t0\t0\t0\t0\t0\t0\t0\t0\n\
             a\t1\t0\t0\t0\t0\t1\t-2\t-2\t-2\n\
             b\t2\t2\t4\t-1\t5\t1\t3\t3\t3\n\
             \u{e9}\t1\t1\t1\t1\t1\t1\t1\t1\t1\n\
             rows\t5\tbad_rows\t1\n"
        );
        let sum = agg.checksum();
        assert_eq!(sum["groups"], 4);
        assert_eq!(sum["rows"], 5);
        assert_eq!(sum["bad_rows"], 1);
        assert_eq!(sum["output_bytes"], agg.canonical_text().len() as i64);
    }

    #[test]
    fn sums_wrap() {
        let mut agg = Aggregate::new(1);
        for _ in 0..11 {
            agg.add(b"k", [&b"999999999999999999"[..]]);
        }
        let stats = agg.groups[&b"k"[..]].columns[0];
        assert_eq!(stats.sum, 999_999_999_999_999_999_i64.wrapping_mul(11));
    }

    #[test]
    fn no_int_columns_and_no_rows() {
        let agg = Aggregate::new(0);
        assert_eq!(agg.canonical_text(), b"rows\t0\tbad_rows\t0\n");
        let mut agg = Aggregate::new(0);
        agg.add(b"", std::iter::empty());
        assert_eq!(agg.canonical_text(), b"\t1\nrows\t1\tbad_rows\t0\n");
    }
}
