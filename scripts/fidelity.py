#!/usr/bin/env python3
"""Native benchmarks vs the harness: does the protocol measure what `go test
-bench` and criterion measure for the same operation on the same input?

Runs, for the JSON workload, encoding_json and go_json (Go, `go test -bench`)
and serde_json and simd_json (Rust, criterion), all pinned to the CPU the
harness gives variants, then the harness on the same variants and input, and
prints native vs harness throughput and their ratio (target: within 5%).

    scripts/fidelity.py [--input twitter|small|large|citm_catalog] [--mode typed|dom]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GO_VARIANTS = ["encoding_json", "go_json"]
RUST_VARIANTS = ["serde_json", "simd_json"]


def run(argv, **kw):
    print("+", " ".join(argv), file=sys.stderr)
    return subprocess.run(argv, check=True, text=True, stdout=subprocess.PIPE, **kw).stdout


def harness(xlbench, build_dir, args, run_id):
    results_dir = build_dir / "fidelity"
    argv = [xlbench, "--build-dir", str(build_dir), "run", "--no-build", "--workload", "json",
            "--input", args.input, "--mode", args.mode, "--results-dir", str(results_dir),
            "--run-id", run_id, "--rounds", "3", "--samples", "10", "--min-sample-ms", "200"]
    for v in GO_VARIANTS + RUST_VARIANTS:
        argv += ["--variant", v]
    run(argv)
    doc = json.loads((results_dir / run_id / "results.json").read_text())
    inputs = {i["name"]: i for i in doc["inputs"]}
    out = {}
    for m in doc["measurements"]:
        if m["status"] == "ok":
            out[m["variant"]] = m["metrics"]["ops_per_s"]["median"]
    return out, inputs[args.input], doc["plan"]["variant_cpus"]


def go_native(input_info, mode, cpus):
    env = dict(os.environ, XLBENCH_BENCH_INPUT=input_info["path"], XLBENCH_BENCH_SCHEMA=input_info["schema"])
    pattern = "BenchmarkParse/(" + "|".join(GO_VARIANTS) + ")/" + mode + "$"
    text = run(taskset(cpus) + ["go", "test", "-run", "^$", "-bench", pattern, "-benchtime", "2s",
                                "-count", "5", "./internal/jsonwork"], cwd=ROOT / "go_impls", env=env)
    per_variant = {}
    for line in text.splitlines():
        m = re.match(r"BenchmarkParse/(\w+)/\w+(?:-\d+)?\s+\d+\s+([\d.]+) ns/op", line)
        if m:
            per_variant.setdefault(m.group(1), []).append(1e9 / float(m.group(2)))
    return {k: statistics.median(v) for k, v in per_variant.items()}


def rust_native(input_info, mode, cpus, build_dir):
    env = dict(os.environ, XLBENCH_BENCH_INPUT=input_info["path"], XLBENCH_BENCH_SCHEMA=input_info["schema"],
               CARGO_TARGET_DIR=str(build_dir / "rust-target"))
    out = {}
    for variant in RUST_VARIANTS:
        text = run(taskset(cpus) + ["cargo", "bench", "--locked", "-q", "-p", "xlb_json", "--bench", "parse", "--",
                                    "--warm-up-time", "2", "--measurement-time", "6", "--noplot",
                                    f"^parse/{variant}/{mode}$"], cwd=ROOT / "rust_impls", env=env)
        m = re.search(r"time:\s+\[\S+ \S+ ([\d.]+) (ns|µs|us|ms|s) ", text)
        if not m:
            raise SystemExit(f"could not read criterion's estimate for {variant}:\n{text}")
        scale = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}[m.group(2)]
        out[variant] = 1.0 / (float(m.group(1)) * scale)
    return out


def taskset(cpus):
    return ["taskset", "-c", ",".join(map(str, cpus))] if cpus else []


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", default="twitter")
    p.add_argument("--mode", default="typed", choices=["typed", "dom"])
    p.add_argument("--build-dir", default=os.environ.get("XLB_BUILD_DIR", str(ROOT / "build")))
    args = p.parse_args()
    build_dir = Path(args.build_dir).resolve()
    xlbench = str(build_dir / "harness" / "xlbench")
    if not Path(xlbench).exists():
        raise SystemExit(f"{xlbench} not found: run scripts/setup.sh first")
    run_id = f"fidelity-{args.input}-{args.mode}-{os.getpid()}"
    measured, input_info, cpus = harness(xlbench, build_dir, args, run_id)
    native = go_native(input_info, args.mode, cpus)
    native.update(rust_native(input_info, args.mode, cpus, build_dir))

    print(f"\nFidelity on {args.input} ({input_info['bytes']} bytes), mode {args.mode}, CPUs {cpus}")
    print(f"{'variant':<16}{'native ops/s':>14}{'harness ops/s':>15}{'harness/native':>16}")
    worst = 0.0
    for variant in GO_VARIANTS + RUST_VARIANTS:
        n, h = native.get(variant), measured.get(variant)
        if n is None or h is None:
            print(f"{variant:<16}{'missing':>14}")
            continue
        worst = max(worst, abs(h / n - 1))
        print(f"{variant:<16}{n:>14.1f}{h:>15.1f}{h / n:>16.3f}")
    print(f"largest deviation: {worst * 100:.1f}% (target 5%)")


if __name__ == "__main__":
    main()
