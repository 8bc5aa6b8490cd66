#!/usr/bin/env python3
"""Compute expected.json: the checksum of mode `scan` on every input, with Python's `re`.

    python3 expected.py            # rewrites expected.json from inputs/access.log
    python3 expected.py --check    # exits 1 if expected.json is out of date

Independent of the Go and Rust variants: it defines the answer they must print
in their `check` line (the definition is in README.md).
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINE_RE = re.compile(
    rb'^([^ ]+) [^ ]+ [^ ]+ \[([^\]]+)\] "(GET|POST|PUT|DELETE|HEAD) ([^ ]+) HTTP/1\.[01]" ([0-9]{3}) ([0-9]+|-)'
)
INPUTS = {"access-log": HERE / "inputs" / "access.log"}


def scan(data: bytes) -> dict:
    lines = data.split(b"\n")
    if lines[-1] == b"":  # a final newline ends the last line, it does not start another
        lines.pop()
    c = dict.fromkeys(["lines", "matched", "status_2xx", "status_3xx", "status_4xx", "status_5xx",
                       "bytes", "post", "distinct_ips"], 0)
    ips = set()
    for line in lines:
        c["lines"] += 1
        m = LINE_RE.match(line)
        if not m:
            continue
        ip, _time, method, _path, status, size = m.groups()
        c["matched"] += 1
        klass = "status_%cxx" % status[0]
        if klass in c:
            c[klass] += 1
        c["bytes"] += 0 if size == b"-" else int(size)
        c["post"] += method == b"POST"
        ips.add(ip)
    c["distinct_ips"] = len(ips)
    assert all(0 <= v < 2**53 for v in c.values())
    return c


def main():
    expected = {name: {"scan": scan(path.read_bytes())} for name, path in INPUTS.items()}
    text = json.dumps(expected, indent=2) + "\n"
    out = HERE / "expected.json"
    if "--check" in sys.argv[1:]:
        ok = out.exists() and json.loads(out.read_text()) == expected
        print("expected.json is %s" % ("up to date" if ok else "OUT OF DATE"))
        sys.exit(0 if ok else 1)
    out.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
