//! The generator makes the same bytes as Go's: the constants are those of
//! go_impls/internal/wordfreq/generate_test.go (workloads/wordfreq/README.md,
//! "Reference values").

use xlb_wordfreq::{generate, pick, vocabulary, Params, SplitMix64, Summary, Variant, MAX_WORDS};

const TINY_TEXT: &str = "euhjziqgu Ttnzpawhedib wirjejwk wwvk wwvk Ruvvbu fnkogunoceg, onczgfbcx Wwvk. fzjejpll wirjejwk onczgfbcx\n\
    wwvk fzjejpll fzjejpll wwvk fzjejpll wwvk Fnkogunoceg ruvvbu wwvk euhjziqgu wwvk wwvk\n\
    fzjejpll wwvk fzjejpll cglzyhosuii euhjziqgu euhjziqgu\n";

struct Reference {
    params: Params,
    bytes: usize,
    fnv64: u64,
    summary: Summary,
}

const REFERENCES: [Reference; 2] = [
    Reference {
        params: Params {
            seed: 7,
            words: 30,
            vocabulary: 10,
        },
        bytes: 247,
        fnv64: 0xdd6c_d76f_920a_b353,
        summary: Summary {
            words: 30,
            distinct: 9,
            max_count: 10,
            letters: 215,
            fingerprint: 43_752_778_296,
        },
    },
    // input text-50k
    Reference {
        params: Params {
            seed: 7,
            words: 50_000,
            vocabulary: 5_000,
        },
        bytes: 401_914,
        fnv64: 0x04d3_e073_6ed9_5e1c,
        summary: Summary {
            words: 50_000,
            distinct: 4_838,
            max_count: 2_980,
            letters: 345_573,
            fingerprint: 100_391_064_950_021,
        },
    },
];

fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn splitmix64_reference_outputs() {
    // The first two outputs of splitmix64 seeded with 0 (the published C code).
    let mut rng = SplitMix64::new(0);
    assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
    assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
}

#[test]
fn tiny_text_is_byte_identical() {
    let text = generate(&REFERENCES[0].params);
    assert_eq!(String::from_utf8(text).unwrap(), TINY_TEXT);
}

#[test]
fn reference_texts_and_summaries() {
    for r in &REFERENCES {
        let text = generate(&r.params);
        assert_eq!(
            (text.len(), fnv1a64(&text)),
            (r.bytes, r.fnv64),
            "{:?}",
            r.params
        );
        for variant in Variant::ALL {
            assert_eq!(
                (variant.count())(&text),
                r.summary,
                "{} {:?}",
                variant.name(),
                r.params
            );
        }
    }
}

#[test]
fn text_shape() {
    let p = |seed, words, vocabulary| Params {
        seed,
        words,
        vocabulary,
    };
    assert!(generate(&p(1, 0, 3)).is_empty());
    assert_eq!(generate(&p(1, 1, 1)).last(), Some(&b'\n'));
    // 24 words: two full lines, spaces between words within a line.
    let text = generate(&p(3, 24, 50));
    let count = |c| text.iter().filter(|&&b| b == c).count();
    assert_eq!((count(b'\n'), count(b' ')), (2, 22));
    assert_eq!(text.last(), Some(&b'\n'));
}

#[test]
fn vocabulary_words_are_2_to_12_lowercase_letters() {
    for (i, w) in vocabulary(&mut SplitMix64::new(99), 2000)
        .iter()
        .enumerate()
    {
        assert!((2..=12).contains(&w.len()), "word {i}: {w:?}");
        assert!(w.iter().all(u8::is_ascii_lowercase), "word {i}: {w:?}");
    }
}

#[test]
fn pick_bounds() {
    let max = MAX_WORDS as usize;
    for (r, n, want) in [
        (0, 10, 0),
        (u64::MAX, 10, 9),                  // u = 1 - 2^-53: the largest draw
        (u64::MAX, max, max - 1),           // u^3 = 1 - 3*2^-53 stays below 1
        (u64::MAX, 1 << 52, (1 << 52) - 2), // floor(2^52 - 1.5)
        (1 << 63, 1000, 125),               // u = 1/2: n/8
        (3 << 62, 64, 27),                  // u = 3/4: 27n/64
    ] {
        assert_eq!(pick(r, n), want, "pick({r:#x}, {n})");
    }
}
