//! Tokenisation and the summary; the same cases as
//! go_impls/internal/wordfreq/count_test.go.

use xlb_wordfreq::{fnv1a32, tokens, Summary, Variant, MAX_WORDS};

#[test]
fn fnv1a32_reference_values() {
    assert_eq!(fnv1a32(b""), 0x811c_9dc5);
    assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
    assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
}

#[test]
fn tokenise_and_count() {
    let s = |words, distinct, max_count, letters, fingerprint| Summary {
        words,
        distinct,
        max_count,
        letters,
        fingerprint,
    };
    let cases: [(&str, Summary); 5] = [
        ("", Summary::default()),
        (" ,.\n\t123 '-' \n", Summary::default()),
        // Capitals fold, punctuation, digits, quotes and hyphens split.
        (
            "Hello, hello.WORLD  a-b\n\tAB ab 'x' 123 x9y",
            s(10, 7, 2, 24, 26_615_583_888),
        ),
        // The bytes either side of A-Z and a-z are separators.
        ("@A[Z`a{z", s(4, 2, 2, 4, 16_210_000_306)),
        ("Zz", s(1, 1, 1, 2, u64::from(fnv1a32(b"zz")))),
    ];
    for (text, want) in cases {
        for variant in Variant::ALL {
            assert_eq!(
                (variant.count())(text.as_bytes()),
                want,
                "{} {text:?}",
                variant.name()
            );
        }
    }
}

#[test]
fn tokens_are_maximal_letter_runs() {
    let got: Vec<&[u8]> = tokens(b"..ab1Cd").collect();
    assert_eq!(got, [&b"ab"[..], &b"Cd"[..]]);
    assert_eq!(tokens(b"").count(), 0);
    assert_eq!(tokens(b"-- 9").count(), 0);
}

#[test]
fn summary_wraps_and_stays_below_2_pow_53() {
    let got = Summary::from_counts([(&b"hello"[..], MAX_WORDS), (&b"world"[..], MAX_WORDS)]);
    assert_eq!(
        got,
        Summary {
            words: 2 * MAX_WORDS,
            distinct: 2,
            max_count: MAX_WORDS,
            letters: 10 * MAX_WORDS,
            fingerprint: 867_778_692_967_106,
        }
    );
    for (key, v) in got.checksum() {
        assert!((0..1 << 53).contains(&v), "{key} = {v}");
    }
    let keys: Vec<String> = got.checksum().into_keys().collect();
    assert_eq!(
        keys,
        ["distinct", "fingerprint", "letters", "max_count", "words"]
    );
}
