#!/usr/bin/env python3
"""Writes the hand-made results documents the compare integration test uses.

base.json: two JSON variants and a CSV variant, 10 samples each, plus one
failed measurement. regressed.json: the same, but rust/serde_json is 20%
slower. Run from this directory; the output is deterministic.
"""
import json

ENV = {
    "cpu_model": "Fixture CPU @ 3.00GHz",
    "logical_cpus": 2,
    "toolchains": {"go": "go version go1.22.5 linux/amd64", "rustc": "rustc 1.79.0", "cargo": "cargo 1.79.0",
                   "harness": "g++ 12.2.0"},
    "build_flags": {"go": "-trimpath", "rust": "--release"},
}
PLAN = {"name": "full", "warmup_ms": 500, "samples_per_run": 10, "min_sample_ms": 100, "rounds": 1,
        "timeout_s": 300, "threads": 1, "threshold": 0.03, "interleaved": True}


def samples(ops_per_s, n=10, ops=1000, spread=0.01):
    out = []
    for i in range(n):
        offset = ((i * 7) % n) / (n - 1) - 0.5
        out.append({"ops": ops, "ns": round(ops * 1e9 / ops_per_s * (1 + spread * offset))})
    return out


def measurement(workload, mode, inp, language, variant, ops_per_s, rss_kb, input_bytes, status="ok", reason=""):
    return {
        "workload": workload, "kind": "batch", "mode": mode, "input": inp, "language": language,
        "variant": variant, "label": "idiomatic", "library": variant, "status": status, "reason": reason,
        "input_bytes": input_bytes,
        "samples": samples(ops_per_s) if status == "ok" else [],
        "runs": [{"command": [f"build/bin/{language}/{workload}_{variant}"], "cpus_granted": [1], "wall_s": 2.0,
                  "user_s": 1.9, "sys_s": 0.05, "peak_rss_kb": rss_kb, "max_rss_kb": rss_kb,
                  "sampled_peak_rss_kb": rss_kb, "fork_rss_kb": 4000,
                  "outcome": "ok" if status == "ok" else reason}],
    }


def doc(run_id, serde_ops):
    return {
        "schema": "xlbench.results", "schema_version": 1, "run_id": run_id, "status": "complete",
        "started_at": "2024-07-01T10:00:00Z", "finished_at": "2024-07-01T10:05:00Z",
        "plan": PLAN, "environment": ENV, "builds": [], "inputs": [],
        "measurements": [
            measurement("json", "typed", "twitter", "go", "encoding_json", 160.0, 21000, 631515),
            measurement("json", "typed", "twitter", "rust", "serde_json", serde_ops, 9000, 631515),
            measurement("json", "typed", "twitter", "rust", "simd_json", 0, 9500, 631515, "failed",
                        "killed by SIGSEGV"),
            measurement("csv", "typed", "nfl", "go", "encoding_csv", 95.0, 30000, 1374935),
        ],
    }


for name, serde_ops in (("base", 400.0), ("regressed", 320.0)):
    with open(f"{name}.json", "w") as f:
        json.dump(doc(name, serde_ops), f, indent=1)
        f.write("\n")
