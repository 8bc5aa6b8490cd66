//! The workload's operation: one regex scan of an access log.

use regex::bytes::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A combined-log-format line. `(?-u)`: byte semantics, so `[^ ]` is any byte
/// but a space, as in Go and Python (README.md explains `[^ ]` and `[0-9]`).
pub const LINE_RE: &str = r#"(?-u)^([^ ]+) [^ ]+ [^ ]+ \[([^\]]+)\] "(GET|POST|PUT|DELETE|HEAD) ([^ ]+) HTTP/1\.[01]" ([0-9]{3}) ([0-9]+|-)"#;

/// The workload's checksum (README.md, "Checksum").
#[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
pub struct Checksum {
    pub lines: u64,
    pub matched: u64,
    pub status_2xx: u64,
    pub status_3xx: u64,
    pub status_4xx: u64,
    pub status_5xx: u64,
    pub bytes: u64,
    pub post: u64,
    pub distinct_ips: u64,
}

/// One operation: match every line of `data` and aggregate the matches.
pub fn scan(re: &Regex, data: &[u8]) -> Checksum {
    let mut c = Checksum::default();
    let mut ips = HashSet::new();
    for line in data.split_inclusive(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        c.lines += 1;
        let Some(caps) = re.captures(line) else {
            continue;
        };
        let (_, [ip, _time, method, _path, status, size]) = caps.extract();
        c.matched += 1;
        ips.insert(ip);
        c.post += u64::from(method == b"POST");
        match status[0] {
            b'2' => c.status_2xx += 1,
            b'3' => c.status_3xx += 1,
            b'4' => c.status_4xx += 1,
            b'5' => c.status_5xx += 1,
            _ => {}
        }
        if size != b"-" {
            c.bytes += size.iter().fold(0, |n, &d| n * 10 + u64::from(d - b'0'));
        }
    }
    c.distinct_ips = ips.len() as u64;
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn read(rel: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn matches_expected_json() {
        let want: BTreeMap<String, BTreeMap<String, Checksum>> =
            serde_json::from_slice(&read("expected.json")).unwrap();
        let re = Regex::new(LINE_RE).unwrap();
        assert_eq!(
            scan(&re, &read("inputs/access.log")),
            want["access-log"]["scan"]
        );
    }

    #[test]
    fn line_edges() {
        let good = r#"1.2.3.4 - - [21/May/2024:06:25:03 +0000] "POST /a?b=1 HTTP/1.0" 201 -"#;
        let re = Regex::new(LINE_RE).unwrap();
        for (input, lines, matched) in [
            (String::new(), 0, 0),
            ("\n".into(), 1, 0),
            (good.into(), 1, 1),
            (format!("{good}\n"), 1, 1),
            (format!("{good}\n\n{good}"), 3, 2),
            (format!(" {good}"), 1, 0),
            (format!("\t{good}"), 1, 1),
            (format!("{good}\r\n"), 1, 1),
        ] {
            let c = scan(&re, input.as_bytes());
            assert_eq!((c.lines, c.matched), (lines, matched), "{input:?}");
        }
    }
}
