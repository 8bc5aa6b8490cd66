#!/usr/bin/env python3
"""Generate inputs/access.log: a deterministic combined-log-format access log.

    python3 inputs/generate.py                  # seed 20240521, 11,500 lines -> inputs/access.log
    python3 inputs/generate.py --seed 7 --lines 500 --out /tmp/small.log

The same seed and line count always give the same bytes (Python's random.Random
with an integer seed is stable across Python 3 versions for the calls used here).
About 3% of the lines are malformed; the generator asserts that every good line
matches the workload's regex and every malformed line does not.
"""

import argparse
import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

# The workload's regex (see README.md); used here only to check the generator.
LINE_RE = re.compile(
    rb'^([^ ]+) [^ ]+ [^ ]+ \[([^\]]+)\] "(GET|POST|PUT|DELETE|HEAD) ([^ ]+) HTTP/1\.[01]" ([0-9]{3}) ([0-9]+|-)'
)

METHODS = [("GET", 78), ("POST", 12), ("PUT", 4), ("DELETE", 3), ("HEAD", 3)]
STATUSES = [(200, 70), (201, 5), (301, 4), (304, 9), (404, 7), (500, 3), (503, 2)]
RESOURCES = ["users", "orders", "products", "carts", "sessions", "reviews", "invoices"]
STATIC = ["/", "/index.html", "/favicon.ico", "/robots.txt", "/static/app.js",
          "/static/app.css", "/static/img/logo.png", "/docs/getting-started", "/about"]
QUERY_KEYS = ["page", "limit", "sort", "q", "lang", "ref", "utm_source", "filter"]
WORDS = ["alpha", "bravo", "shoes", "red", "blue", "laptop", "desc", "asc", "en", "de", "news"]
USERS = ["alice", "bob", "carol", "dave", "erin", "frank"]
REFERRERS = ["https://www.google.com/", "https://duckduckgo.com/", "https://example.com/",
             "https://example.com/products?page=2", "https://news.ycombinator.com/item?id=4211",
             "http://localhost:8080/admin"]
AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "curl/8.5.0",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
    "Prometheus/2.51.0",
]


def weighted(rng, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def ipv4(rng):
    return ".".join(str(rng.randrange(1, 255)) for _ in range(4))


def path(rng, method):
    if method in ("GET", "HEAD") and rng.random() < 0.3:
        p = rng.choice(STATIC)
    else:
        p = "/api/v%d/%s" % (rng.randrange(1, 3), rng.choice(RESOURCES))
        if method != "POST" and rng.random() < 0.7:
            p += "/%d" % rng.randrange(1, 100000)
    if method == "GET" and rng.random() < 0.45:
        keys = rng.sample(QUERY_KEYS, rng.randrange(1, 4))
        p += "?" + "&".join("%s=%s" % (k, rng.choice(WORDS) if k != "page" else rng.randrange(1, 50)) for k in keys)
    return p


def good_line(rng, ip, when):
    method = weighted(rng, METHODS)
    status = weighted(rng, STATUSES)
    if status == 304 or method == "HEAD" or (status == 301 and rng.random() < 0.5):
        size = "-" if rng.random() < 0.8 else "0"
    elif status >= 500:
        size = str(rng.randrange(0, 600))
    else:
        size = str(int(rng.lognormvariate(8, 1.6)) % 50_000_000)
    user = rng.choice(USERS) if rng.random() < 0.1 else "-"
    referrer = rng.choice(REFERRERS) if rng.random() < 0.6 else "-"
    proto = "HTTP/1.1" if rng.random() < 0.9 else "HTTP/1.0"
    return '%s - %s [%s] "%s %s %s" %d %s "%s" "%s"' % (
        ip, user, when.strftime("%d/%b/%Y:%H:%M:%S +0000"), method, path(rng, method), proto,
        status, size, referrer, rng.choice(AGENTS))


def malformed_line(rng, good):
    """A line that looks like log output but must not match the regex."""
    kind = rng.randrange(10)
    if kind == 0:  # truncated before the status code (a partly written line)
        return good[: rng.randrange(5, good.index('" ') + 1)]
    if kind == 1:  # a method the regex does not accept
        return re.sub(r'"[A-Z]+ ', '"%s ' % rng.choice(["PATCH", "OPTIONS", "get", "CONNECT"]), good, count=1)
    if kind == 2:  # HTTP/2.0 request line
        return re.sub(r"HTTP/1\.[01]", "HTTP/2.0", good, count=1)
    if kind == 3:  # four-digit status
        return re.sub(r'" (\d{3}) ', lambda m: '" %s0 ' % m.group(1), good, count=1)
    if kind == 4:  # timestamp without brackets
        return good.replace("[", "", 1).replace("]", "", 1)
    if kind == 5:  # tab instead of the first space
        return good.replace(" ", "\t", 1)
    if kind == 6:  # leading whitespace
        return "  " + good
    if kind == 7:  # empty line
        return ""
    if kind == 8:  # application noise interleaved with the access log
        return rng.choice(["[warn] upstream timed out (110: Connection timed out) while reading response header",
                           "panic: runtime error: index out of range [3] with length 3",
                           "    at com.example.api.Handler.serve(Handler.java:42)",
                           "-- MARK --"])
    return re.sub(r'" (\d{3}) ', '" - ', good, count=1)  # status logged as "-"


def generate(seed, lines):
    rng = random.Random(seed)
    regulars = [ipv4(rng) for _ in range(600)]  # returning clients, Zipf-like popularity
    weights = [1.0 / (i + 1) for i in range(len(regulars))]
    when = datetime(2024, 5, 21, 6, 25, 3, tzinfo=timezone.utc)
    out = []
    for _ in range(lines):
        when += timedelta(seconds=rng.choice([0, 0, 0, 1, 1, 2, 5]))
        ip = rng.choices(regulars, weights)[0] if rng.random() < 0.85 else ipv4(rng)
        line = good_line(rng, ip, when)
        assert LINE_RE.match(line.encode()), line
        if rng.random() < 0.03:
            line = malformed_line(rng, line)
            assert not LINE_RE.match(line.encode()), line
        out.append(line + "\n")
    return "".join(out).encode("ascii")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=20240521)
    ap.add_argument("--lines", type=int, default=11500)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "access.log")
    args = ap.parse_args()
    data = generate(args.seed, args.lines)
    args.out.write_bytes(data)
    print("%s: %d lines, %d bytes" % (args.out, args.lines, len(data)))


if __name__ == "__main__":
    main()
