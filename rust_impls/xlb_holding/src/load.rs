//! Streaming the documents: one line in memory at a time.

use std::io::BufRead;

use anyhow::{bail, Context, Result};

use crate::Resource;

/// Reads `reader` line by line, decodes every non-blank line (blank: only
/// spaces, tabs, '\r') into a [`Resource`] and returns them all. The line
/// buffer is reused; decoded strings are owned copies.
pub fn load(mut reader: impl BufRead) -> Result<Vec<Resource>> {
    let mut docs = Vec::new();
    let mut line = String::new();
    for line_no in 1.. {
        line.clear();
        let read = reader
            .read_line(&mut line)
            .with_context(|| format!("line {line_no}: cannot read"))?;
        if read == 0 {
            break;
        }
        let text = line.trim_matches(|c| c == ' ' || c == '\t' || c == '\r' || c == '\n');
        if text.is_empty() {
            continue;
        }
        // serde would also accept a JSON array for a struct; the workload wants objects.
        if !text.starts_with('{') {
            bail!("line {line_no}: not a JSON object");
        }
        let doc: Resource =
            serde_json::from_str(text).with_context(|| format!("line {line_no}"))?;
        docs.push(doc);
    }
    Ok(docs)
}
