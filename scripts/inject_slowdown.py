#!/usr/bin/env python3
"""Writes a copy of a results.json in which every timed sample took longer.

Used by the CI smoke check: comparing a run with its slowed copy must make
`xlbench compare` report a regression (exit 1). --slowdown 0.20 means 20% less
throughput: each sample's time is divided by (1 - 0.20).
"""
import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", help="results.json to read")
    parser.add_argument("target", help="where to write the slowed copy")
    parser.add_argument("--slowdown", type=float, default=0.20, help="fraction of throughput lost (0..1)")
    args = parser.parse_args()
    if not 0 < args.slowdown < 1:
        print(f"--slowdown: must be between 0 and 1, got {args.slowdown}", file=sys.stderr)
        return 2
    try:
        with open(args.source, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"{args.source}: {e}", file=sys.stderr)
        return 2
    slowed = 0
    for m in doc.get("measurements", []):
        for s in m.get("samples", []):
            s["ns"] = round(s["ns"] / (1 - args.slowdown))
            slowed += 1
    doc["run_id"] = f"{doc.get('run_id', 'run')}-slowed"
    with open(args.target, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    print(f"slowed {slowed} samples by {args.slowdown:.0%} into {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
