//! logscan_regex: the Rust variant of the logscan workload (the regex crate),
//! run under the xlbench batch protocol.

mod protocol;
mod scan;

use protocol::Hello;
use regex::bytes::Regex;

fn main() {
    let hello = Hello {
        variant: "regex",
        library: "regex",
        library_version: env!("REGEX_VERSION"),
        backend: "regex::bytes::Regex",
    };
    protocol::main(hello, |req| {
        if req.workload != "logscan" || req.mode != "scan" {
            let (w, m) = (&req.workload, &req.mode);
            return Err(format!("unknown workload/mode {w}/{m} (want logscan/scan)").into());
        }
        let data = std::fs::read(&req.input.path) // read once, outside timing
            .map_err(|e| format!("reading {}: {e}", req.input.path))?;
        let re = Regex::new(scan::LINE_RE)?;
        Ok(move || scan::scan(&re, &data))
    });
}
