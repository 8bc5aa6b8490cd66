#!/usr/bin/env python3
"""Writes results.json, the synthetic results document the HTML report's browser
test renders (tests/integration/html_browser_test.cpp).

It covers every section of report.html: json (batch, with one invalid and one
failed variant), fanout (spawn, tasks against N), holding (spawn with the
holding facts), http (server rows with the `load` block: lifecycle, closed
sweep, open-loop phases with latency histograms), build (build rows plus the
footprint) and, through workloads/claims.json, the claims table. The numbers
are made up (shaped like real runs on a 2-core machine), not measurements;
the environment says so. Run from this directory; the output is deterministic.
"""
import json
import math
import random

rng = random.Random(20260101)

ENV = {
    "cpu_model": "Synthetic fixture CPU (made-up numbers, not a measurement)",
    "logical_cpus": 2,
    "kernel": "Linux 6.1.0-fixture",
    "arch": "x86_64",
    "governor": "performance",
    "aslr": "2",
    "loadavg": "0.12 0.20 0.31 1/100 4242",
    "toolchains": {"go": "go version go1.22.5 linux/amd64", "rustc": "rustc 1.79.0", "cargo": "cargo 1.79.0",
                   "harness_compiler": "g++ 12.2.0"},
    "git_commit": "0000000000000000000000000000000000000000",
    "git_dirty": False,
}
PLAN = {
    "name": "quick", "warmup_ms": 100, "samples_per_run": 10, "min_sample_ms": 10, "rounds": 1, "spawn_runs": 3,
    "timeout_s": 60, "threads": 1, "threshold": 0.03, "interleaved": True, "variant_cpus": [1],
    "harness_cpus": [0], "loadgen_cpus": [0],
    "baselines": {"json": {"go": "encoding_json", "rust": "serde_json"},
                  "fanout": {"go": "goroutines", "rust": "tokio_mt"},
                  "holding": {"go": "structs", "rust": "serde"},
                  "http": {"go": "nethttp", "rust": "axum"},
                  "build": {"go": "go", "rust": "cargo"}},
    "workloads": {
        "json": {"kind": "batch", "description": "Parse a JSON document per operation, into typed structs or a generic tree"},
        "fanout": {"kind": "spawn", "description": "Spawn N concurrent tasks and wait for all; wall time and resident memory per task"},
        "holding": {"kind": "spawn", "description": "Decode N Kubernetes-like resource documents into typed structs and keep them"},
        "http": {"kind": "server", "description": "HTTP/1.1 servers under the harness's keep-alive load generator"},
        "build": {"kind": "build", "description": "Build cost: clean, no-op and one-line incremental builds"},
    },
    "server": {"connections": [16, 64, 256], "open_percents": [50, 90], "warmup_ms": 500, "window_ms": 1000,
               "interval_ms": 100, "rounds": 2, "ready_timeout_ms": 10000, "term_grace_ms": 3000,
               "request_timeout_ms": 2000},
    "build_cost": {"rounds": 2, "cpus": [1], "jobs": 1, "tree_rss_sample_ms": 50},
}


def jitter(spread):
    return 1 + spread * (rng.random() - 0.5)


def run(command, rss_kb, wall_s, outcome="ok"):
    return {"command": command, "cpus_granted": [1], "wall_s": wall_s, "user_s": wall_s * 0.9,
            "sys_s": wall_s * 0.05, "peak_rss_kb": rss_kb, "max_rss_kb": rss_kb, "sampled_peak_rss_kb": rss_kb,
            "fork_rss_kb": 4000, "outcome": outcome}


def measurement(workload, kind, mode, inp, language, variant, **extra):
    m = {"workload": workload, "kind": kind, "mode": mode, "input": inp, "language": language,
         "variant": variant, "label": "reference" if variant == "os_threads" else "idiomatic", "library": variant, "status": "ok", "reason": "",
         "input_bytes": 0, "params": {}, "samples": [], "runs": []}
    m.update(extra)
    return m


def json_rows():
    rows = []
    cells = {"small": (600, {"go/encoding_json": 30000, "go/jsoniter": 45000, "go/go_json": 186000,
                             "go/sonic": 143000, "rust/serde_json": 146000, "rust/simd_json": 158000,
                             "rust/sonic_rs": 170000}),
             "twitter": (631515, {"go/encoding_json": 48, "go/jsoniter": 116, "go/go_json": 242, "go/sonic": 239,
                                  "rust/serde_json": 203, "rust/simd_json": 187, "rust/sonic_rs": 203})}
    for inp, (size, speeds) in cells.items():
        for vid, ops_per_s in speeds.items():
            language, variant = vid.split("/")
            cmd = [f"build/bin/{language}/json_{variant}", "--request", f"requests/json-typed-{inp}-{variant}.json"]
            m = measurement("json", "batch", "typed", inp, language, variant, input_bytes=size)
            if inp == "twitter" and vid == "go/go_json":
                m.update(status="invalid", reason="checksum differs from the reference: strings 1263 != 1264")
                m["runs"] = [run(cmd, 13000, 1.2)]
                rows.append(m)
                continue
            if inp == "twitter" and vid == "rust/simd_json":
                m.update(status="failed", reason="exit code 101 (panicked at 'index out of bounds')")
                m["runs"] = [run(cmd, 5500, 0.3, "exit code 101")]
                rows.append(m)
                continue
            ops = max(1, round(ops_per_s * 0.01))  # a 10 ms sample
            m["samples"] = [{"ops": ops, "ns": round(ops * 1e9 / ops_per_s * jitter(0.04))} for _ in range(10)]
            rss = 2400 if language == "rust" else 7700
            m["runs"] = [run(cmd, rss + (size // 200), 0.4)]
            rows.append(m)
    return rows


FANOUT_TASKS = {"n0": 0, "n1k": 1000, "n10k": 10000, "n100k": 100000}
# (startup ns, ns per task, base RSS KB, KB per task) per variant and mode.
FANOUT_MODEL = {
    ("hold", "go/goroutines"): (44000, 8500, 2780, 2.7),
    ("hold", "rust/tokio_mt"): (58000, 3400, 2710, 0.58),
    ("hold", "rust/os_threads"): (58000, 150000, 2740, 9.6),
    ("sleep", "go/goroutines"): (33000, 6200, 2770, 0.8),
    ("sleep", "rust/tokio_mt"): (29000, 2600, 2800, 0.45),
    ("sleep", "rust/os_threads"): (27000, 130000, 2700, 8.5),
}


def fanout_rows():
    rows = []
    for (mode, vid), (start_ns, per_task_ns, base_kb, kb_per_task) in FANOUT_MODEL.items():
        language, variant = vid.split("/")
        for inp, tasks in FANOUT_TASKS.items():
            if variant == "os_threads" and tasks > 10000:
                continue
            sleep_ns = 10e6 if mode == "sleep" and tasks else 0
            m = measurement("fanout", "spawn", mode, inp, language, variant,
                            params={"tasks": tasks, "sleep_ms": 10, "rounds": 200})
            cmd = [f"build/bin/{language}/fanout_{variant}", "--request", f"requests/fanout-{mode}-{inp}-{variant}.json"]
            m["samples"] = [{"ops": 1, "ns": round((start_ns + per_task_ns * tasks + sleep_ns) * jitter(0.06))}
                            for _ in range(3)]
            m["runs"] = [run(cmd, round((base_kb + kb_per_task * tasks) * jitter(0.02)), 0.01 + tasks * 1e-6)
                         for _ in range(3)]
            m["warmup"] = [{"ns": m["samples"][0]["ns"], "outcome": "ok", "wall_s": 0.01}]
            m["hello"] = {"threads": 1, "variant": variant}
            rows.append(m)
    return rows


def holding_rows():
    rows = []
    model = {"go/structs": (3100, 7.9, 5.1), "rust/serde": (2100, 3.3, 3.3)}  # start KB, KB per resource held, load us
    for vid, (start_kb, kb_per_resource, load_us) in model.items():
        language, variant = vid.split("/")
        for inp, n in {"n0": 0, "n1000": 1000, "n5000": 5000}.items():
            after = round((start_kb + 40 + kb_per_resource * n) * jitter(0.01))
            facts = {"held_resources": n, "rss_before_kb": start_kb, "rss_after_kb": after, "peak_rss_self_kb": after + 300}
            if language == "go":
                facts["heap_inuse_bytes"] = round(kb_per_resource * 0.55 * n * 1024 + 400000)
            m = measurement("holding", "spawn", "typed", inp, language, variant, facts=facts,
                            input_bytes=3300 * n)
            cmd = [f"build/bin/{language}/holding_{variant}", "--request", f"requests/holding-typed-{inp}.json"]
            m["samples"] = [{"ops": 1, "ns": round((20000 + load_us * 1000 * n) * jitter(0.05))} for _ in range(3)]
            m["runs"] = [run(cmd, after + 350, 0.02 + n * 1e-5) for _ in range(3)]
            rows.append(m)
    return rows


def histogram(median_ns, sigma, count):
    """A latency histogram in LatencyHistogram::to_json's shape, from a log-normal sample."""
    values = sorted(max(1000, int(rng.lognormvariate(math.log(median_ns), sigma))) for _ in range(count))
    buckets = {}
    for v in values:
        upper = int(1.05 ** math.ceil(math.log(v, 1.05)))  # about 5% wide buckets
        buckets[upper] = buckets.get(upper, 0) + 1

    def pct(q):
        return values[min(len(values) - 1, int(q * len(values)))]

    return {"count": count, "min_ns": values[0], "mean_ns": sum(values) / count, "max_ns": values[-1],
            "p50_ns": pct(0.5), "p90_ns": pct(0.9), "p99_ns": pct(0.99), "p999_ns": pct(0.999),
            "buckets": [[u, c] for u, c in sorted(buckets.items())]}


ERRORS_ZERO = {"connect": 0, "read": 0, "write": 0, "timeout": 0, "status": 0, "body": 0, "parse": 0, "total": 0}
# Per server: max req/s at 16/64/256 connections per mode, idle RSS KB, RSS KB per 100 connections, CPU s per 1k req.
HTTP_MODEL = {
    "go/nethttp": ({"plaintext": (52000, 61000, 58000), "json": (47000, 55000, 53000)}, 7400, 900, 0.0161),
    "go/fiber": ({"plaintext": (78000, 91000, 88000), "json": (70000, 83000, 80000)}, 9800, 700, 0.0108),
    "rust/axum": ({"plaintext": (83000, 97000, 95000), "json": (78000, 90000, 89000)}, 2300, 300, 0.0102),
    "rust/actix": ({"plaintext": (88000, 104000, 101000), "json": (81000, 95000, 93000)}, 3900, 350, 0.0096),
}


def load_round(rnd, rate, connections, latency_median_ns, sigma, rss_kb, cpu_per_1k, target=None, errors=None):
    per_interval = [round(rate / 10 * jitter(0.04)) for _ in range(10)]
    requests = sum(per_interval)
    utilization = min(1.0, cpu_per_1k * rate / 1000)
    record = {"mode": "open" if target else "closed", "connections": connections, "threads": 1, "elapsed_s": 1.0,
              "requests": requests, "achieved_rate": requests / 1.0, "errors": errors or ERRORS_ZERO,
              "warmup_requests": round(rate / 2), "warmup_errors": ERRORS_ZERO,
              "latency": histogram(latency_median_ns, sigma, 1200), "interval_ms": 100, "per_interval": per_interval,
              "cpus_used": [0], "target_rate": target, "round": rnd, "empty_intervals": 0,
              "server": {"wall_s": 1.0, "cpu_s": utilization, "rss_peak_kb": round(rss_kb * 1.04),
                         "rss_mean_kb": rss_kb, "rss_samples": 50, "cpu_utilization": utilization,
                         "cpu_s_per_1k_requests": utilization / rate * 1000},
              "cpus": {"server": [1], "loadgen": [0]}, "server_threads": 1}
    return record, per_interval


def http_rows():
    rows = []
    for vid, (modes, idle_kb, kb_per_100c, cpu_per_1k) in HTTP_MODEL.items():
        language, variant = vid.split("/")
        life = measurement("http", "server", "server", "lifecycle", language, variant,
                           load={"lifecycle": True, "rounds": []})
        cold_ms = 3.1 if language == "go" else 1.9
        for rnd in range(2):
            c = cold_ms * jitter(0.1)
            life["load"]["rounds"].append({"round": rnd, "cold_start_ms": c, "ready_ms": c * 0.8,
                                           "idle_rss_kb": idle_kb, "threads_reported": 1,
                                           "exit": {"clean": True}, "cpus": {"server": [1], "loadgen": [0]}})
            life["samples"].append({"ops": 1, "ns": round(c * 1e6)})
        rows.append(life)
        for mode, rates in modes.items():
            best_rate, best_conns = max(zip(rates, (16, 64, 256)))
            for conns, rate in zip((16, 64, 256), rates):
                m = measurement("http", "server", mode, f"c{conns}", language, variant,
                                load={"phase": f"c{conns}", "loop": "closed", "connections": conns,
                                      "endpoint": {"mode": mode}, "rounds": []})
                for rnd in range(2):
                    # Closed loop: latency = connections / rate (Little's law).
                    errors = dict(ERRORS_ZERO, timeout=3, total=3) if (vid == "go/nethttp" and conns == 256) else None
                    rec, counts = load_round(rnd, rate * jitter(0.03), conns, conns / rate * 1e9, 0.35,
                                             idle_kb + kb_per_100c * conns / 100, cpu_per_1k, errors=errors)
                    m["load"]["rounds"].append(rec)
                    m["samples"] += [{"ops": n, "ns": 100000000} for n in counts]
                m["rounds_done"] = 2
                rows.append(m)
            for pct in (50, 90):
                target = best_rate * pct / 100
                m = measurement("http", "server", mode, f"open{pct}", language, variant,
                                load={"phase": f"open{pct}", "loop": "open", "connections": best_conns,
                                      "percent_of_max": pct, "target_rate": target, "endpoint": {"mode": mode},
                                      "rounds": []})
                base_us = (45 if language == "rust" else 70) * (1 if pct == 50 else 2.2)
                sigma = (0.45 if language == "rust" else 0.6) * (1 if pct == 50 else 1.3)
                for rnd in range(2):
                    rec, counts = load_round(rnd, target * jitter(0.01), best_conns, base_us * 1000, sigma,
                                             idle_kb + kb_per_100c * best_conns / 100 * 0.8, cpu_per_1k, target=target)
                    m["load"]["rounds"].append(rec)
                    m["samples"] += [{"ops": n, "ns": 100000000} for n in counts]
                m["rounds_done"] = 2
                rows.append(m)
    return rows


def build_rows():
    rows = []
    # (mode, language) -> median wall seconds; the Rust clean build compiles the dependency tree.
    model = {("clean-release", "go"): 21.4, ("clean-release", "rust"): 96.0, ("noop", "go"): 0.41,
             ("noop", "rust"): 0.22, ("incremental", "go"): 1.9, ("incremental", "rust"): 11.6}
    for (mode, language), wall in model.items():
        variant = "go" if language == "go" else "cargo"
        m = measurement("build", "build", mode, "server", language, variant,
                        library="go build (gc)" if language == "go" else "cargo build (rustc)")
        walls = [wall * jitter(0.06) for _ in range(2)]
        m["samples"] = [{"ops": 1, "ns": round(w * 1e9)} for w in walls]
        m["runs"] = [run(["go", "build"] if language == "go" else ["cargo", "build", "--release"],
                         420000 if language == "rust" else 180000, w) for w in walls]
        m["facts"] = {"tree_rss_peak_kb": [610000, 640000] if language == "rust" else [260000, 250000]}
        if mode == "clean-release":
            size = 8_912_896 if language == "go" else 2_621_440
            m["facts"].update({"binaries": [{"name": "json_sonic" if language == "go" else "json_sonic_rs",
                                             "found": True, "bytes": size, "stripped_bytes": round(size * 0.7),
                                             "linkage": "static" if language == "go" else "dynamic",
                                             "static": language == "go", "needed": [] if language == "go" else ["libc.so.6"]}],
                               "binary_count": 1, "binaries_total_bytes": size,
                               "binaries_total_stripped_bytes": round(size * 0.7)})
        rows.append(m)
    return rows


def footprint():
    sizes = {("json", "go", "encoding_json"): 2.9, ("json", "go", "sonic"): 8.5, ("json", "rust", "serde_json"): 0.9,
             ("json", "rust", "sonic_rs"): 1.2, ("fanout", "go", "goroutines"): 2.2, ("fanout", "rust", "tokio_mt"): 1.1,
             ("holding", "go", "structs"): 2.8, ("holding", "rust", "serde"): 0.8, ("http", "go", "nethttp"): 7.4,
             ("http", "go", "fiber"): 9.9, ("http", "rust", "axum"): 2.7, ("http", "rust", "actix"): 3.6}
    binaries = []
    for (workload, language, variant), mb in sizes.items():
        size = round(mb * 1048576)
        binaries.append({"workload": workload, "language": language, "variant": variant,
                         "name": f"{workload}_{variant}", "path": f"build/bin/{language}/{workload}_{variant}",
                         "found": True, "bytes": size, "stripped_bytes": round(size * (0.68 if language == "go" else 0.8)),
                         "linkage": "static" if language == "go" else "dynamic", "static": language == "go",
                         "interpreter": "" if language == "go" else "/lib64/ld-linux-x86-64.so.2",
                         "needed": [] if language == "go" else ["libc.so.6", "libgcc_s.so.1"]})
    binaries.append({"workload": "http", "language": "rust", "variant": "hyper", "name": "http_hyper",
                     "path": "build/rust-target/release/http_hyper", "found": False})
    variants = [{"workload": w, "language": l, "variant": v, "target": f"{w}_{v}", "dir": f"cmd/{w}_{v}",
                 "baseline": v in ("encoding_json", "serde_json", "goroutines", "tokio_mt", "structs", "serde",
                                   "nethttp", "axum"),
                 "found": True, "files": 1, "code_lines": 40 + len(v) * 3, "comment_lines": 5, "blank_lines": 6,
                 "test_lines": 0, "build_script_lines": 0} for (w, l, v) in sizes]
    shared = [{"language": "go", "package": "driver", "dir": "go_impls/internal/driver", "files": 6,
               "code_lines": 610, "comment_lines": 80, "blank_lines": 90, "test_lines": 300, "build_script_lines": 0},
              {"language": "rust", "package": "xlb_driver", "dir": "rust_impls/xlb_driver", "files": 7,
               "code_lines": 720, "comment_lines": 95, "blank_lines": 100, "test_lines": 260, "build_script_lines": 0}]
    return {"code_size": {"variants": variants, "shared": shared}, "binaries": binaries}


def main():
    doc = {"schema": "xlbench.results", "schema_version": 1, "run_id": "html-fixture", "status": "complete",
           "started_at": "2026-01-01T12:00:00Z", "finished_at": "2026-01-01T12:14:05Z", "plan": PLAN,
           "environment": ENV, "builds": [], "inputs": [],
           "measurements": json_rows() + fanout_rows() + holding_rows() + http_rows() + build_rows(),
           "footprint": footprint()}
    with open("results.json", "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
