//! Checksums of every variant and mode against independent formulas, the
//! empty fan-out, the facts, and bad requests.

use xlb_driver::{Fact, Request, SpawnResult};
use xlb_fanout::{checksum, setup, splitmix64, work::compute, Variant};

const VARIANTS: [Variant; 3] = [Variant::TokioMt, Variant::TokioCt, Variant::StdThreads];

fn request(mode: &str, tasks: u64, threads: u64) -> Request {
    Request::parse_spawn(&format!(
        r#"{{"protocol":1,"workload":"fanout","mode":"{mode}",
            "input":{{"name":"n","path":"","schema":"","bytes":0}},
            "params":{{"tasks":{tasks},"sleep_ms":1,"rounds":200}},"threads":{threads}}}"#
    ))
    .unwrap()
}

fn run(variant: Variant, mode: &str, tasks: u64, threads: u64) -> SpawnResult {
    let req = request(mode, tasks, threads);
    let job = setup(variant, &req).unwrap();
    let expected_threads = if variant == Variant::TokioMt {
        threads
    } else {
        1
    };
    assert_eq!(job.threads, expected_threads, "{variant:?}");
    (job.run)().unwrap()
}

/// Reference splitmix64, written out separately from the crate's.
fn reference_compute(i: u64, rounds: u64) -> u64 {
    let mut x = i;
    let mut out = i;
    for _ in 0..rounds {
        x = x.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        out = z ^ (z >> 31);
    }
    out
}

#[test]
fn splitmix64_known_values() {
    let mut state = 0u64;
    assert_eq!(splitmix64(&mut state), 0xe220a8397b1dcdaf);
    assert_eq!(splitmix64(&mut state), 0x6e789e6aa1b965f4);
    assert_eq!(compute(0, 1), 0xe220a8397b1dcdaf);
    assert_eq!(compute(0, 2), 0x6e789e6aa1b965f4);
    assert_eq!(compute(7, 0), 7);
    for i in [0, 1, 12345, u64::MAX] {
        assert_eq!(compute(i, 200), reference_compute(i, 200));
    }
}

#[test]
fn compute_sums_match_the_reference_values() {
    // Wrapping sums for rounds = 200, also computed independently in Python.
    let sum = |n: u64| (0..n).fold(0u64, |s, i| s.wrapping_add(reference_compute(i, 200)));
    assert_eq!(sum(1000) as i64, -727483557723738254);
    assert_eq!(sum(10000) as i64, -6743059744312145465);
}

#[test]
fn every_variant_and_mode_sums_right() {
    for variant in VARIANTS {
        for n in [1u64, 2, 100, 1000] {
            for mode in ["sleep", "channel", "hold"] {
                let r = run(variant, mode, n, 2);
                assert_eq!(
                    r.checksum,
                    checksum(n, n * (n - 1) / 2),
                    "{variant:?} {mode} {n}"
                );
            }
            let want = (0..n).fold(0u64, |s, i| s.wrapping_add(reference_compute(i, 200)));
            let r = run(variant, "compute", n, 2);
            assert_eq!(r.checksum, checksum(n, want), "{variant:?} compute {n}");
        }
    }
}

#[test]
fn zero_tasks_work() {
    for variant in VARIANTS {
        for mode in ["sleep", "channel", "compute", "hold"] {
            let r = run(variant, mode, 0, 1);
            assert_eq!(r.checksum, checksum(0, 0), "{variant:?} {mode}");
        }
    }
}

#[test]
fn checksum_is_tasks_and_signed_sum() {
    let c = checksum(3, u64::MAX);
    assert_eq!(c.len(), 2);
    assert_eq!(c["tasks"], 3);
    assert_eq!(c["sum"], -1);
}

#[test]
fn facts_are_reported() {
    let r = run(Variant::TokioMt, "sleep", 50, 2);
    let int = |k: &str| match &r.facts[k] {
        Fact::Int(v) => *v,
        other => panic!("{k}: {other:?}"),
    };
    assert!(int("rss_before_kb") > 0);
    assert!(int("rss_after_kb") > 0);
    assert!(int("peak_rss_self_kb") >= int("rss_after_kb"));
    // main thread + 2 workers at least (the test harness may add more).
    assert!(int("num_threads") >= 3);
    assert_eq!(
        r.facts["runtime"],
        Fact::Text("tokio multi-thread, 2 workers".into())
    );
    let r = run(Variant::TokioCt, "compute", 5, 2);
    assert_eq!(
        r.facts["runtime"],
        Fact::Text("tokio current-thread".into())
    );
}

#[test]
fn hold_reports_rss_with_all_alive() {
    for variant in VARIANTS {
        for threads in [1, 2] {
            let r = run(variant, "hold", 200, threads);
            assert_eq!(r.checksum, checksum(200, 199 * 200 / 2), "{variant:?}");
            match r.facts["rss_all_alive_kb"] {
                Fact::Int(v) => assert!(v > 0, "{variant:?}: {v}"),
                ref other => panic!("{variant:?}: {other:?}"),
            }
            if variant == Variant::StdThreads {
                // No thread can end before the latch opens: all 200 exist.
                match r.facts["num_threads"] {
                    Fact::Int(v) => assert!(v > 200, "{v}"),
                    ref other => panic!("{other:?}"),
                }
            }
        }
        for mode in ["sleep", "channel", "compute"] {
            let r = run(variant, mode, 10, 1);
            assert!(
                !r.facts.contains_key("rss_all_alive_kb"),
                "{variant:?} {mode}"
            );
        }
    }
}

#[test]
fn bad_requests_are_errors() {
    let err = |variant: Variant, text: String| {
        let req = Request::parse_spawn(&text).unwrap();
        match setup(variant, &req) {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => format!("{e:#}"),
        }
    };
    let body = |workload: &str, mode: &str, params: &str| {
        format!(
            r#"{{"protocol":1,"workload":"{workload}","mode":"{mode}",
                "input":{{"name":"n","path":"","schema":"","bytes":0}},
                "params":{params},"threads":1}}"#
        )
    };
    let good = r#"{"tasks":1,"sleep_ms":1,"rounds":1}"#;
    for variant in VARIANTS {
        assert!(err(variant, body("json", "sleep", good)).contains("`workload`"));
        assert!(err(variant, body("fanout", "spin", good)).contains("`mode`"));
        let m = err(
            variant,
            body("fanout", "sleep", r#"{"tasks":1,"sleep_ms":1}"#),
        );
        assert!(
            m.contains("`params.rounds`") && m.contains("missing"),
            "{m}"
        );
        let m = err(
            variant,
            body("fanout", "sleep", r#"{"tasks":-1,"sleep_ms":1,"rounds":1}"#),
        );
        assert!(m.contains("`params.tasks`"), "{m}");
        let m = err(
            variant,
            body(
                "fanout",
                "sleep",
                r#"{"tasks":"3","sleep_ms":1,"rounds":1}"#,
            ),
        );
        assert!(m.contains("`params.tasks`"), "{m}");
    }
}
