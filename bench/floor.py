#!/usr/bin/env python3
"""The database floor of one items page: the statements our server sends, run by pgbench alone.

usage: floor.py WORK DATA DB_PORT BASE LIMIT SIDE SECONDS NCENTERS

1. Turns on log_statement=all on the bench cluster for one request, sends one items page with a
   recognisable bbox and Cache-Control: no-cache (every feature built by the database) and reads back, from the cluster's log, every statement the server ran for it
   (data version for the ETag, BEGIN, the feature query with LIMIT/OFFSET and its count, COMMIT) with their
   parameters. Nothing is copied by hand, so the floor follows FeatureSql/Layers as they change.
2. Writes a pgbench script with the same statements; the bbox parameters become pgbench variables
   drawn like the wrk script draws them (a county representative point moved by up to 0.1 degree,
   looked up in the table bench_center: one extra primary-key SELECT per transaction).
3. pgbench -M prepared -c 16 -j 2 -T SECONDS; prints FLOOR tps=... p50=... p99=... (ms, from pgbench's
   per-transaction log).
4. The same without the count: the page statement with its numberMatched column taken out (the same
   features, the same bytes but for that number); prints FLOOR_NOCOUNT ... the same way.
"""
import glob
import os
import re
import subprocess
import sys
import time
import urllib.request

work, data, db_port, base, limit, side, secs, ncenters = sys.argv[1:9]
PSQL = ["/usr/lib/postgresql/15/bin/psql", "-h", "127.0.0.1", "-p", db_port, "-U", "atlas", "-d", "atlas", "-X", "-q", "-At"]
LOG = os.path.join(data, "pg", "server.log")
BOX = ("120.11111", "30.22222", "120.33333", "30.44444")


def psql(sql):
    return subprocess.run(PSQL + ["-c", sql], check=True, capture_output=True, text=True).stdout


def capture():
    start = os.path.getsize(LOG)
    psql("ALTER SYSTEM SET log_statement = 'all'")
    psql("SELECT pg_reload_conf()")
    time.sleep(0.5)
    url = "%s/collections/projects/items?bbox=%s&limit=%s" % (base, ",".join(BOX), limit)
    # no-cache: the page built whole by the database (no features taken from the server's memory),
    # so the floor is the statement that returns the page's bytes
    urllib.request.urlopen(urllib.request.Request(url, headers={"Cache-Control": "no-cache"}), timeout=60).read()
    psql("ALTER SYSTEM RESET log_statement")
    psql("SELECT pg_reload_conf()")
    time.sleep(0.3)
    with open(LOG, "rb") as f:
        f.seek(start)
        text = f.read().decode("utf-8", "replace")
    # one entry per log line that starts with a timestamp; continuation lines belong to it
    entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", text)
    statements = []  # (pid, sql, params)
    for e in entries:
        m = re.search(r"\[(\d+)\][^\n]*?LOG:\s+(?:execute|statement)\s*([^:]*):\s(.*)", e, re.S)
        if m:
            name, sql = m.group(2), m.group(3).strip()
            if "fetch from" in name or "pg_reload_conf" in sql or "ALTER SYSTEM" in sql:
                continue
            statements.append([m.group(1), sql, {}])
            continue
        d = re.search(r"DETAIL:\s+parameters:\s(.*)", e, re.S)
        if d and statements:
            for k, v in re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", d.group(1)):
                statements[-1][2][int(k)] = v
    # keep the backend that ran the feature query
    pids = [s[0] for s in statements if "ST_MakeEnvelope" in s[1] and '"Feature"' in s[1]]
    if not pids:
        raise SystemExit("no feature query found in the log")
    return [s for s in statements if s[0] == pids[0]]


def script(statements):
    names = {"'%s'" % BOX[0]: ":minx", "'%s'" % BOX[1]: ":miny", "'%s'" % BOX[2]: ":maxx", "'%s'" % BOX[3]: ":maxy"}
    half = float(side) / 2
    lines = ["\\set i random(1, %s)" % ncenters, "\\set dx random(-1000, 1000)", "\\set dy random(-1000, 1000)",
             "SELECT x + :dx / 10000.0 - %.4f AS minx, y + :dy / 10000.0 - %.4f AS miny, "
             "x + :dx / 10000.0 + %.4f AS maxx, y + :dy / 10000.0 + %.4f AS maxy FROM bench_center WHERE i = :i \\gset"
             % (half, half, half, half)]
    for _, sql, params in statements:
        def sub(m):
            v = params.get(int(m.group(1)), "NULL")
            return names.get(v, v)
        body = re.sub(r"\$(\d+)\b", sub, sql)
        lines.append(" ".join(body.split()) + ";")  # pgbench reads one statement per line
    return "\n".join(lines) + "\n"


COUNT_COLUMN = re.compile(r",\s*\(SELECT count\(\*\) FROM m\) AS matched")


def without_count(statements):
    out = [[pid, COUNT_COLUMN.sub("", sql), params] for pid, sql, params in statements]
    if all(a[1] == b[1] for a, b in zip(out, statements)):
        raise SystemExit("no count column found in the page statement")
    return out


def bench(statements, tag, label):
    path = os.path.join(work, "floor-%s%s.sql" % (limit, tag))
    with open(path, "w") as f:
        f.write(script(statements))
    prefix = "pgb-%s%s" % (limit, tag or "c")
    for old in glob.glob(os.path.join(work, prefix + "*")):
        os.remove(old)
    env = dict(os.environ, PGPASSWORD="")
    out = subprocess.run(["pgbench", "-n", "-M", "prepared", "-c", "16", "-j", "2", "-T", secs, "-f", path,
                          "-l", "--log-prefix", os.path.join(work, prefix),
                          "-h", "127.0.0.1", "-p", db_port, "-U", "atlas", "atlas"],
                         capture_output=True, text=True, env=env, cwd=work)
    sys.stderr.write(out.stdout + out.stderr)
    lat = []
    for fn in glob.glob(os.path.join(work, prefix + "*")):
        with open(fn) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    lat.append(int(parts[2]) / 1000.0)
    lat.sort()
    tps = re.search(r"tps = ([\d.]+)", out.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", out.stdout)
    if not lat or not tps:
        raise SystemExit("pgbench failed")
    pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))]
    print("%s tps=%s p50=%.2f p99=%.2f n=%d statements=%d failed=%s" % (
        label, tps.group(1), pct(0.5), pct(0.99), len(lat), len(statements), failed.group(1) if failed else "0"), flush=True)


def main():
    statements = capture()
    bench(statements, "", "FLOOR")
    bench(without_count(statements), "nc", "FLOOR_NOCOUNT")


if __name__ == "__main__":
    main()
