#!/usr/bin/env python3
"""Native benchmarks vs the harness: does the protocol measure what `go test
-bench` and criterion measure for the same operation on the same input?

For the JSON workload it measures encoding_json and go_json (Go, `go test
-bench`) and serde_json and simd_json (Rust, criterion) natively and through
the harness, all pinned to the CPU the harness gives variants. Native and
harness runs alternate, round after round, so drift of the machine hits both
alike; each round gives one harness/native ratio of medians per variant (the
harness: median of 10 samples of 150 ms; go test: median of 10 runs of 150 ms;
criterion: its median time per iteration). It prints the
geometric mean ratio with a 95% t interval over rounds and whether that
interval lies within the 5% target.

Rust processes get the same allocator environment in both (the harness's
`--rust-malloc` policy, recorded per process run in results.json).

    scripts/fidelity.py [--input twitter|small|large|citm_catalog] [--mode typed|dom]
                        [--rounds 7] [--rust-malloc steady|default]
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GO_VARIANTS = ["encoding_json", "go_json"]
RUST_VARIANTS = ["serde_json", "simd_json"]
TARGET = 0.05
# Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042]


def run(argv, **kw):
    print("+", " ".join(argv), file=sys.stderr)
    return subprocess.run(argv, check=True, text=True, stdout=subprocess.PIPE, **kw).stdout


def taskset(cpus):
    return ["taskset", "-c", ",".join(map(str, cpus))] if cpus else []


class Harness:
    def __init__(self, xlbench, build_dir, args):
        self.xlbench, self.build_dir, self.args = xlbench, build_dir, args
        self.results_dir = build_dir / "fidelity"
        self.stem = f"fidelity-{args.input}-{args.mode}-{os.getpid()}"

    def measure(self, round_index):
        run_id = f"{self.stem}-{round_index}"
        argv = [self.xlbench, "--build-dir", str(self.build_dir), "run", "--no-build", "--workload", "json",
                "--input", self.args.input, "--mode", self.args.mode, "--results-dir", str(self.results_dir),
                "--run-id", run_id, "--rounds", "1", "--samples", "10", "--min-sample-ms", "150",
                "--rust-malloc", self.args.rust_malloc]
        for v in GO_VARIANTS + RUST_VARIANTS:
            argv += ["--variant", v]
        run(argv)
        doc = json.loads((self.results_dir / run_id / "results.json").read_text())
        ops, env = {}, {}
        for m in doc["measurements"]:
            if m["status"] == "ok":
                ops[m["variant"]] = m["metrics"]["ops_per_s"]["median"]
                env[m["variant"]] = m["runs"][-1].get("env", {})
        info = next(i for i in doc["inputs"] if i["name"] == self.args.input)
        return ops, env, info, doc["plan"]["variant_cpus"]


def go_test_binary(build_dir):
    binary = build_dir / "fidelity" / "jsonwork.test"
    binary.parent.mkdir(parents=True, exist_ok=True)
    run(["go", "test", "-c", "-o", str(binary), "./internal/jsonwork"], cwd=ROOT / "go_impls")
    return binary


def criterion_binary(build_dir):
    env = dict(os.environ, CARGO_TARGET_DIR=str(build_dir / "rust-target"))
    out = run(["cargo", "bench", "--locked", "-q", "-p", "xlb_json", "--bench", "parse", "--no-run",
               "--message-format", "json"], cwd=ROOT / "rust_impls", env=env)
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable") and msg["target"]["name"] == "parse":
            return msg["executable"]
    raise SystemExit("cargo did not report the criterion benchmark binary of xlb_json")


def go_native(binary, info, mode, cpus):
    """Median of 10 runs of 150 ms: the same statistic over the same sample length as the harness's."""
    env = dict(os.environ, XLBENCH_BENCH_INPUT=info["path"], XLBENCH_BENCH_SCHEMA=info["schema"])
    pattern = "BenchmarkParse/(" + "|".join(GO_VARIANTS) + ")/" + mode + "$"
    text = run(taskset(cpus) + [str(binary), "-test.run", "^$", "-test.bench", pattern, "-test.benchtime", "150ms",
                                "-test.count", "10"],
               cwd=ROOT / "go_impls" / "internal" / "jsonwork", env=env)
    per_variant = {}
    for line in text.splitlines():
        m = re.match(r"BenchmarkParse/(\w+)/\w+(?:-\d+)?\s+\d+\s+([\d.]+) ns/op", line)
        if m:
            per_variant.setdefault(m.group(1), []).append(1e9 / float(m.group(2)))
    return {v: statistics.median(ops) for v, ops in per_variant.items()}


def rust_native(binary, info, mode, cpus, variant, env_overrides, criterion_home):
    """Criterion's median time per iteration (its estimates.json), the statistic the harness reports."""
    env = dict(os.environ, XLBENCH_BENCH_INPUT=info["path"], XLBENCH_BENCH_SCHEMA=info["schema"],
               CRITERION_HOME=str(criterion_home))
    env.pop("GLIBC_TUNABLES", None)
    env.update(env_overrides)
    run(taskset(cpus) + [binary, "--bench", "--warm-up-time", "1", "--measurement-time", "3", "--sample-size", "50",
                         "--noplot",
                         f"^parse/{variant}/{mode}$"], env=env)
    estimates = criterion_home / "parse" / variant / mode / "new" / "estimates.json"
    try:
        median_ns = json.loads(estimates.read_text())["median"]["point_estimate"]
    except (OSError, KeyError, ValueError) as e:
        raise SystemExit(f"{estimates}: cannot read criterion's median ({e})")
    return 1e9 / median_ns


def ratio_interval(ratios):
    """Geometric mean of the per-round ratios with a 95% t interval on their logarithms."""
    logs = [math.log(r) for r in ratios]
    mean = statistics.fmean(logs)
    if len(logs) < 2:
        return math.exp(mean), None
    half = T975[min(len(logs) - 2, len(T975) - 1)] * statistics.stdev(logs) / math.sqrt(len(logs))
    return math.exp(mean), (math.exp(mean - half), math.exp(mean + half))


def cv_text(values):
    if len(values) < 2:
        return "-"
    return f"{100 * statistics.stdev(values) / statistics.fmean(values):.0f}%"


def verdict(ci):
    if ci is None:
        return "one round: no interval"
    lo, hi = ci
    if lo >= 1 - TARGET and hi <= 1 + TARGET:
        return "within 5%"
    if hi < 1 - TARGET or lo > 1 + TARGET:
        return "outside 5%"
    return "inconclusive (interval wider than the target)"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", default="twitter")
    p.add_argument("--mode", default="typed", choices=["typed", "dom"])
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--rust-malloc", default="steady", choices=["steady", "default"])
    p.add_argument("--build-dir", default=os.environ.get("XLB_BUILD_DIR", str(ROOT / "build")))
    args = p.parse_args()
    if args.rounds < 1:
        raise SystemExit("--rounds: must be at least 1")
    build_dir = Path(args.build_dir).resolve()
    xlbench = str(build_dir / "harness" / "xlbench")
    if not Path(xlbench).exists():
        raise SystemExit(f"{xlbench} not found: run scripts/setup.sh first")
    harness = Harness(xlbench, build_dir, args)
    go_binary, rust_binary = go_test_binary(build_dir), criterion_binary(build_dir)

    native, measured = {v: [] for v in GO_VARIANTS + RUST_VARIANTS}, {v: [] for v in GO_VARIANTS + RUST_VARIANTS}
    info = cpus = None
    for r in range(args.rounds):
        def through_harness():
            nonlocal info, cpus
            ops, env, info, cpus = harness.measure(r)
            return ops, env
        def natively(env):
            out = go_native(go_binary, info, args.mode, cpus)
            for v in RUST_VARIANTS:
                out[v] = rust_native(rust_binary, info, args.mode, cpus, v, env.get(v, {}),
                                     build_dir / "fidelity" / "criterion")
            return out
        if r % 2 == 0 or info is None:  # alternate which side goes first
            ops, env = through_harness()
            nat = natively(env)
        else:
            nat = natively(last_env)
            ops, env = through_harness()
        last_env = env
        for v in native:
            if v in ops and v in nat:
                measured[v].append(ops[v])
                native[v].append(nat[v])

    print(f"\nFidelity on {args.input} ({info['bytes']} bytes), mode {args.mode}, CPUs {cpus}, "
          f"{args.rounds} alternating rounds, Rust malloc: {args.rust_malloc}")
    print(f"{'variant':<15}{'native ops/s':>13}{'harness ops/s':>15}{'harness/native [95% CI]':>27}"
          f"{'round CV n/h':>14}  verdict")
    for v in GO_VARIANTS + RUST_VARIANTS:
        if not native[v]:
            print(f"{v:<15}{'missing':>13}")
            continue
        ratio, ci = ratio_interval([h / n for h, n in zip(measured[v], native[v])])
        ci_text = f"[{ci[0]:.3f}, {ci[1]:.3f}]" if ci else ""
        print(f"{v:<15}{statistics.median(native[v]):>13.1f}{statistics.median(measured[v]):>15.1f}"
              f"{ratio:>10.3f} {ci_text:>16}{cv_text(native[v]) + ' / ' + cv_text(measured[v]):>14}  {verdict(ci)}")
    print("round CV: how much one side's figure moved between rounds (native / harness), the machine's noise "
          "floor; an interval wider than the target means more rounds or a quieter machine, not a deviation.")


if __name__ == "__main__":
    main()
