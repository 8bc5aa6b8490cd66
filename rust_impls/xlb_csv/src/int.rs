//! The workload's integer rule (workloads/csv/README.md, "Aggregation").

/// Most digits a value may have: 18 digits always fit in an `i64`.
pub const MAX_DIGITS: usize = 18;

/// Parses `field` if it is an optional `-` or `+` followed by 1 to 18 ASCII
/// digits and nothing else (no spaces); `None` otherwise. Empty or odd values
/// are skipped by the aggregation, never errors.
#[inline]
pub fn parse_int(field: &[u8]) -> Option<i64> {
    let (negative, digits) = match field.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, field),
    };
    if digits.is_empty() || digits.len() > MAX_DIGITS {
        return None;
    }
    let mut value: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        // Cannot overflow: at most 18 digits.
        value = value * 10 + i64::from(b - b'0');
    }
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::parse_int;

    #[test]
    fn accepts_sign_and_up_to_18_digits() {
        assert_eq!(parse_int(b"0"), Some(0));
        assert_eq!(parse_int(b"7"), Some(7));
        assert_eq!(parse_int(b"-3"), Some(-3));
        assert_eq!(parse_int(b"+4"), Some(4));
        assert_eq!(parse_int(b"-0"), Some(0));
        assert_eq!(parse_int(b"007"), Some(7));
        assert_eq!(
            parse_int(b"999999999999999999"),
            Some(999_999_999_999_999_999)
        );
        assert_eq!(
            parse_int(b"-999999999999999999"),
            Some(-999_999_999_999_999_999)
        );
        // Leading zeros count as digits.
        assert_eq!(parse_int(b"000000000000000001"), Some(1));
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            &b""[..],
            b"-",
            b"+",
            b"+-1",
            b"--1",
            b" 1",
            b"1 ",
            b"1.0",
            b"1e3",
            b"x",
            b"12a",
            b"0x10",
            b"\xef\xbc\x91", // fullwidth digit one
            b"1234567890123456789",
            b"0000000000000000001",
            b"99999999999999999999",
            b"-1234567890123456789",
        ] {
            assert_eq!(parse_int(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
