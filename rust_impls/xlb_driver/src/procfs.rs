//! Reads the variant's own memory and thread counts from /proc/self/status.

/// The value of `field` (e.g. `VmRSS`, `VmHWM`, `Threads`) in
/// /proc/self/status: kB for the memory fields, a count for `Threads`.
/// `None` where the file or the field is missing (not Linux).
pub fn status_kb(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_status(&text, field)
}

fn parse_status(text: &str, field: &str) -> Option<u64> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::parse_status;

    #[test]
    fn parses_fields() {
        let text = "Name:\tx\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\nThreads:\t3\n";
        assert_eq!(parse_status(text, "VmRSS"), Some(1024));
        assert_eq!(parse_status(text, "VmHWM"), Some(2048));
        assert_eq!(parse_status(text, "Threads"), Some(3));
        assert_eq!(parse_status(text, "VmSwap"), None);
    }

    #[test]
    fn reads_self() {
        if cfg!(target_os = "linux") {
            assert!(super::status_kb("VmRSS").unwrap() > 0);
            assert!(super::status_kb("Threads").unwrap() >= 1);
        }
    }
}
