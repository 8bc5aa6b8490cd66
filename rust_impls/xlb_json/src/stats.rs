//! The `dom` checksum `json_stats`: kind counts over the whole tree, the
//! root included (workloads/json/README.md).

use std::collections::BTreeMap;

use simd_json::StaticNode;
use sonic_rs::{JsonContainerTrait, JsonType, JsonValueTrait};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct JsonStats {
    pub objects: i64,
    pub arrays: i64,
    pub strings: i64,
    pub numbers: i64,
    pub bools: i64,
    pub nulls: i64,
    pub members: i64,
    pub elements: i64,
    pub string_bytes: i64,
    pub key_bytes: i64,
}

impl JsonStats {
    pub fn to_map(&self) -> BTreeMap<String, i64> {
        [
            ("objects", self.objects),
            ("arrays", self.arrays),
            ("strings", self.strings),
            ("numbers", self.numbers),
            ("bools", self.bools),
            ("nulls", self.nulls),
            ("members", self.members),
            ("elements", self.elements),
            ("string_bytes", self.string_bytes),
            ("key_bytes", self.key_bytes),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    fn string(&mut self, s: &str) {
        self.strings += 1;
        self.string_bytes += len(s);
    }

    fn key(&mut self, k: &str) {
        self.members += 1;
        self.key_bytes += len(k);
    }
}

fn len(s: &str) -> i64 {
    i64::try_from(s.len()).unwrap_or(i64::MAX)
}

pub fn serde_json_stats(v: &serde_json::Value) -> JsonStats {
    fn walk(v: &serde_json::Value, st: &mut JsonStats) {
        use serde_json::Value;
        match v {
            Value::Null => st.nulls += 1,
            Value::Bool(_) => st.bools += 1,
            Value::Number(_) => st.numbers += 1,
            Value::String(s) => st.string(s),
            Value::Array(a) => {
                st.arrays += 1;
                st.elements += len_of(a.len());
                a.iter().for_each(|e| walk(e, st));
            }
            Value::Object(o) => {
                st.objects += 1;
                for (k, e) in o {
                    st.key(k);
                    walk(e, st);
                }
            }
        }
    }
    let mut st = JsonStats::default();
    walk(v, &mut st);
    st
}

pub fn simd_json_stats(v: &simd_json::OwnedValue) -> JsonStats {
    fn walk(v: &simd_json::OwnedValue, st: &mut JsonStats) {
        use simd_json::OwnedValue as Value;
        match v {
            Value::Static(StaticNode::Null) => st.nulls += 1,
            Value::Static(StaticNode::Bool(_)) => st.bools += 1,
            // Every other static node is a number (i64, u64, f64, ...).
            Value::Static(_) => st.numbers += 1,
            Value::String(s) => st.string(s),
            Value::Array(a) => {
                st.arrays += 1;
                st.elements += len_of(a.len());
                a.iter().for_each(|e| walk(e, st));
            }
            Value::Object(o) => {
                st.objects += 1;
                for (k, e) in o.iter() {
                    st.key(k);
                    walk(e, st);
                }
            }
        }
    }
    let mut st = JsonStats::default();
    walk(v, &mut st);
    st
}

pub fn sonic_rs_stats(v: &sonic_rs::Value) -> JsonStats {
    fn walk(v: &sonic_rs::Value, st: &mut JsonStats) {
        match v.get_type() {
            JsonType::Null => st.nulls += 1,
            JsonType::Boolean => st.bools += 1,
            JsonType::Number => st.numbers += 1,
            JsonType::String => st.string(v.as_str().unwrap_or_default()),
            JsonType::Array => {
                let a = v.as_array().expect("array value");
                st.arrays += 1;
                st.elements += len_of(a.len());
                a.iter().for_each(|e| walk(e, st));
            }
            JsonType::Object => {
                let o = v.as_object().expect("object value");
                st.objects += 1;
                for (k, e) in o.iter() {
                    st.key(k);
                    walk(e, st);
                }
            }
        }
    }
    let mut st = JsonStats::default();
    walk(v, &mut st);
    st
}

fn len_of(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
