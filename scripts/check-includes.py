#!/usr/bin/env python3
"""Checks the harness's include structure (harness/src):

- every harness header is included by its folder path ("core/errors.hpp");
- no folder includes a folder above it in LAYERS (lower layers never know higher ones);
- no include cycle between modules (a module is a .hpp with its .cpp).

Prints each problem with the file and line; exit 1 when there is any, 0 otherwise.
Usage: check-includes.py [harness/src]
"""
import os
import re
import sys

# Lowest first. A file may include its own folder or any folder listed before it.
LAYERS = [
    "stats",             # pure statistics
    "core",              # errors, text formatting, escaping, atomic files, hashing
    "os",                # the one spawner, /proc readers, locks
    "remote",            # other hosts over the system ssh: quoting, copies, remote processes
    "model",             # manifests, plans, measurements, results, metrics, claims file
    "protocol",          # the lines variants print
    "inputs",            # input generators and resolution
    "checks",            # reference answers (checksum rules)
    "loadgen",           # the HTTP load generator
    "loadgen/grpc",      # the gRPC load generator and the checks of its answers
    "toolchain",         # building variants
    "fixtures/postgres", # throwaway PostgreSQL clusters
    "kinds",             # the WorkloadKind interface and what kinds share
    "kinds/batch",
    "kinds/spawn",
    "kinds/build",
    "kinds/server",
    "kinds/grpc",
    "analysis",          # ratios, summaries, claims verdicts
    "report/model",      # the report model: sections of paragraphs, tables, charts
    "report/sections",   # results document -> report model, one builder per kind and topic
    "report/render",     # report model -> console, Markdown, HTML
    "report",            # the reporter factory and the raw-sample exports
    "compare",           # baseline vs current
    "history",           # results database over many runs, change points
    "run",               # the scheduler, resume, pre-flight, environment
    "app",               # command line
]

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of(rel):
    return os.path.dirname(rel).replace(os.sep, "/")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "harness", "src")
    src = os.path.normpath(src)
    files = {}
    for d, _, names in os.walk(src):
        for n in names:
            if n.endswith((".hpp", ".cpp")):
                rel = os.path.relpath(os.path.join(d, n), src).replace(os.sep, "/")
                files[rel] = os.path.join(d, n)
    problems = []
    rank = {f: i for i, f in enumerate(LAYERS)}
    edges = {}
    for rel, path in sorted(files.items()):
        folder = folder_of(rel)
        if rel != "app/main.cpp" and folder not in rank:
            problems.append(f"{rel}: folder '{folder}' is not in LAYERS (scripts/check-includes.py)")
            continue
        module = os.path.splitext(rel)[0]
        edges.setdefault(module, set())
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = m.group(1)
                if target not in files:
                    problems.append(f"{rel}:{lineno}: \"{target}\" is not a harness header by its folder path")
                    continue
                tfolder = folder_of(target)
                if rank.get(tfolder, -1) > rank.get(folder, len(LAYERS)):
                    problems.append(f"{rel}:{lineno}: {folder}/ includes {tfolder}/, a higher layer")
                tmodule = os.path.splitext(target)[0]
                if tmodule != module:
                    edges[module].add(tmodule)
    # Cycles: depth-first search with colours; report each cycle once by its path.
    colour, stack, seen = {}, [], set()

    def visit(v):
        colour[v] = 1
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if colour.get(w, 0) == 0:
                visit(w)
            elif colour[w] == 1:
                cyc = stack[stack.index(w):]
                key = frozenset(cyc)
                if key not in seen:
                    seen.add(key)
                    problems.append("include cycle: " + " -> ".join(cyc + [w]))
        stack.pop()
        colour[v] = 2

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if colour.get(v, 0) == 0:
            visit(v)
    for p in problems:
        print(p)
    print(f"check-includes: {len(files)} files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
