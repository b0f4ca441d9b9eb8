#!/usr/bin/env python3
"""Median latency of the same filtered page asked three ways, interleaved request by request on one
keep-alive connection each, so a busy machine slows all three alike. Usage:
  interleave.py BASE ROUNDS NAME PARAMS TEXT JSON   (query parts already URL-encoded)
Prints one Markdown row."""
import http.client
import statistics
import sys
import time
import urllib.parse

base, rounds, name, *queries = sys.argv[1:]
u = urllib.parse.urlsplit(base)
paths = ["/collections/projects/items?limit=100&" + q for q in
         (queries[0], "filter=" + queries[1], "filter-lang=cql2-json&filter=" + queries[2])]
conns = [http.client.HTTPConnection(u.hostname, u.port, timeout=30) for _ in paths]
times = [[] for _ in paths]
for r in range(int(rounds) + 20):
    order = [(r + i) % 3 for i in range(3)]
    for i in order:
        t = time.perf_counter()
        conns[i].request("GET", paths[i], headers={"Accept": "application/geo+json"})
        resp = conns[i].getresponse()
        resp.read()
        if resp.status != 200:
            sys.exit(f"{paths[i]}: {resp.status}")
        if r >= 20:  # the first rounds warm the JIT and the plans
            times[i].append((time.perf_counter() - t) * 1000)
med = [statistics.median(t) for t in times]
cost = [f"{(m / med[0] - 1) * 100:+.1f}%" for m in med[1:]]
print(f"| {name} | {med[0]:.2f} | {med[1]:.2f} | {med[2]:.2f} | {cost[0]} | {cost[1]} |")
