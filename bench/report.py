#!/usr/bin/env python3
"""Renders bench/RESULTS.md from the run's results.tsv and meta.env (bench/run calls it)."""
import os
import re
import shlex
import sys

work = sys.argv[1]
meta = {}
for line in open(os.path.join(work, "meta.env")):
    k, _, v = line.rstrip("\n").partition("=")
    meta[k] = " ".join(shlex.split(v)) if v else ""
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "results.tsv")) if l.strip()]


def kv(s):
    return dict(re.findall(r"(\w+)=([\d.]+)", s))


wrk, feats, floors, loads, sides, mems, imp, geo, ready, peertable = {}, {}, {}, {}, {}, [], None, None, {}, {}
geo_first = ""
for r in rows:
    if r[0] == "wrk":
        wrk[(r[1], r[2], r[3])] = kv(r[4])
    elif r[0] == "features":
        feats[(r[1], r[2], r[3])] = r[4]
    elif r[0] == "floor":
        floors[(r[1], r[2])] = kv(r[3])
    elif r[0] == "load":
        loads[r[1]] = r[2:]
    elif r[0] == "peertable":
        peertable[r[1]] = r[2:]
    elif r[0] == "ready":
        ready[r[1]] = r[2:]
    elif r[0] == "side":
        sides[r[1]] = r[2]
    elif r[0] == "mem":
        mems.append(r[1:])
    elif r[0] == "import":
        imp = r[1:]
    elif r[0] == "geocode":
        geo = r[1]
    elif r[0] == "geocode_first":
        geo_first = r[1] if len(r) > 1 else ""
tiers = meta.get("tiers", "").split()
NAMES = {"items100": "items, bbox, limit 100", "items1000": "items, bbox, limit 1000",
         "items100f": "items, bbox + category + min_investment, limit 100",
         "items1000f": "items, bbox + category + min_investment, limit 1000", "byid": "one project by id",
         "items100db": "items, bbox, limit 100, every feature built by the database (no-cache)",
         "items1000db": "items, bbox, limit 1000, every feature built by the database (no-cache)",
         "items1000c1": "items, bbox, limit 1000, one client", "items1000c4": "items, bbox, limit 1000, 4 clients",
         "counties": "counties, zoom=8, limit 10000", "tile8": "vector tile z8", "tile12": "vector tile z12",
         "tile12db": "vector tile z12, every tile built by the database (no-cache)",
         "stats": "stats groupby=county"}
# The peers' endpoints (bench/run's PEER_ENDPOINTS), by name without the page size.
PEERS = {"ogcapi": ("MapServer 8", "flat table, OGC API items, bbox, limit %s"),
         "wfs": ("MapServer 8", "flat table, WFS 2.0 GetFeature GeoJSON, bbox, COUNT %s"),
         "qwfs": ("QGIS Server", "flat table, WFS 1.1 GetFeature GeoJSON, bbox, MAXFEATURES %s"),
         "qoapi": ("QGIS Server", "flat table, OGC API (/wfs3) items, bbox, limit %s"),
         "subogcapi": ("MapServer 8", "subquery layer (earlier runs' peer), OGC API items, bbox, limit %s")}
for k, (_, label) in PEERS.items():
    for n in ("100", "1000"):
        NAMES[k + n] = label % n
SERVERS = {"atlas": "Atlas", "mapserver": "MapServer 8", "qgis": "QGIS Server 3.22"}


def f(x, nd=1):
    try:
        return ("%." + str(nd) + "f") % float(x)
    except (TypeError, ValueError):
        return "–"


def ratio(a, b):
    try:
        return "%.2f×" % (float(a) / float(b))
    except (TypeError, ValueError, ZeroDivisionError):
        return "–"


out = []
w = out.append
w("# Benchmarks: Project Atlas vs MapServer 8 and QGIS Server at their best vs the database floor")
w("")
w("Written by `bench/run%s` — do not edit by hand; rerun it. Mode: %s." % (" --quick" if meta.get("quick") == "1" else "",
  "quick (one tier, short loads)" if meta.get("quick") == "1" else "full"))
w("")
w("## Machine and run")
w("")
for k, label in [("date", "date (UTC)"), ("commit", "git commit"), ("cpus", "nproc"), ("cpu_model", "CPU"), ("mem", "memory"),
                 ("load_before", "load average at start (other sessions share this machine)"), ("kernel", "kernel"),
                 ("java", "Java"), ("postgres", "database"), ("mapserver", "peer"), ("qgis", "peer"), ("wrk", "load generator"),
                 ("elapsed", "run time (s)")]:
    if k in meta:
        w("- %s: %s" % (label, meta[k]))
w("- Everything on 127.0.0.1: our server, its own PostgreSQL cluster (not the demo's var/), lighttpd + MapServer, wrk and pgbench share the same %s cores." % meta.get("cpus", "?"))
w("- Responses are not compressed (wrk sends no Accept-Encoding), for us and for the peers.")
w("- The machine was shared with other work during this run (load average in the first lines and after each row): "
  "absolute figures are lower than on a quiet machine; the ratios compare rows measured side by side in one run.")
w("")
w("## Data")
w("")
w("Synthetic projects (`bench/generate.py`): the 20 categories of the seed lists, investments log-normal "
  "(median 12 亿元, clipped 0.5–500), years 2016–2026, 新建/续建, random points inside the real county polygons "
  "(ST_GeneratePoints; half by area, half equal per county) and ~10% short lines; one placement row per project. "
  "Loaded with COPY into `project` and `placement` on top of the bundled demo lists (386 projects).")
w("")
w("| tier | rows added | COPY time (project + placement) | COPY rows/s | projects in table | bbox side (°) | precomputed rebuild: tiles + stats ms (waited after VACUUM) | peers' flat table: build ms, rows |")
w("|---|---|---|---|---|---|---|---|")
for t in tiers:
    if t in loads:
        add, ms, total = loads[t]
        rd = ready.get(t, ["", ""])
        rebuild = "%s (%s ms)" % (" + ".join(rd[1].split()), rd[0]) if len(rd) > 1 and rd[1] else rd[0]
        pt = peertable.get(t, ["", ""])
        w("| %s | %s | %s ms | %s | %s | %s | %s | %s |" % (t, add, ms, f(int(add) * 1000 / max(1, int(ms)), 0), total,
                                                           sides.get(t, ""), rebuild, ", ".join(pt)))
w("")
w("Boxes: a county's representative point moved by up to 0.1°, side chosen so a box holds about 2,500 projects "
  "at that tier; wrk, pgbench and MapServer get boxes drawn the same way (same seeds for wrk).")
w("")
w("## Import and geocoding (our own path)")
w("")
if imp:
    n, wall, store = imp[0], imp[1], imp[2].split()
    w("- `./atlas import` of %s CSV rows (序号,项目名称,建设地点,项目类别,建设性质,项目代码,总投资(亿元),项目起止年限,责任单位,建设规模和内容):" % n)
    w("  - store step (report `millis`, parse excluded): %s ms → **%s rows/s**" % (store[0], f(int(n) * 1000 / max(1, int(store[0])), 0)))
    w("  - whole command (JVM start, read, parse, store, geocode of the new rows): %s ms → **%s rows/s**" % (wall, f(int(n) * 1000 / max(1, int(wall)), 0)))
    # The whole command also places every new row, which the geocoding target below measures on its own.
    w("  - target ≥ 20,000 rows/s (the store step): **%s**" % ("met" if int(n) * 1000 / max(1, int(store[0])) >= 20000 else "missed"))
m = re.search(r"placed (\d+) new or changed projects in (\d+) ms", geo_first)
if m:
    rate = int(m.group(1)) * 1000 / max(1, int(m.group(2)))
    w("- first placement, inside `./atlas import` (every placement, plan area and row written for the first time): "
      "%s → **%s projects/s**; target ≥ 5,000: **%s**" % (m.group(0), f(rate, 0), "met" if rate >= 5000 else "missed"))
if geo:
    m = re.search(r"placed (\d+) projects in (\d+) ms", geo)
    if m:
        rate = int(m.group(1)) * 1000 / max(1, int(m.group(2)))
        w("- `./atlas geocode` right after (re-places every project; only what changed is written, here almost "
          "nothing; printed by the command): %s → **%s projects/s**; target ≥ 5,000: **%s**"
          % (geo, f(rate, 0), "met" if rate >= 5000 else "missed"))
w("")
best_ratio, best_ratio_db = {}, {}
for t in tiers:
    w("## Tier %s projects" % t)
    w("")
    w("| request | server | req/s | p50 ms | p99 ms | max ms | bytes/resp | features/resp | errors | load avg after |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for (tt, target, name), v in wrk.items():
        if tt != t:
            continue
        w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            NAMES.get(name, name), SERVERS.get(target, target), f(v.get("rps")), f(v.get("p50")),
            f(v.get("p99")), f(v.get("max")), f(v.get("bytes_per_req"), 0), feats.get((t, target, name), ""),
            int(float(v.get("non2xx", 0))) + int(float(v.get("sockerr", 0))), v.get("load", "")))
    w("")
    w("Ours against each peer endpoint (throughput ratio, same boxes, same page size; **best** = the fastest peer endpoint at that size):")
    w("")
    w("| page size | peer endpoint | their req/s | our req/s | ours ÷ theirs | our req/s, features built by the database | ours ÷ theirs, so |")
    w("|---|---|---|---|---|---|---|")
    for size in ("100", "1000"):
        ours = wrk.get((t, "atlas", "items" + size), {}).get("rps")
        ours_db = wrk.get((t, "atlas", "items" + size + "db"), {}).get("rps")
        peers = [((tgt, n), v) for (tt, tgt, n), v in wrk.items() if tt == t and tgt != "atlas" and n.endswith(size)
                 and n[:-len(size)] in PEERS and v.get("rps") and float(v.get("rps")) > 0]
        # an endpoint that answered errors or empty pages is not a peer at its best
        good = [p for p in peers if int(float(p[1].get("non2xx", 0))) == 0 and feats.get((t,) + p[0], "0") not in ("0", "error", "")]
        best = max(good, key=lambda p: float(p[1]["rps"]), default=None)
        for (tgt, n), v in sorted(peers, key=lambda p: -float(p[1]["rps"])):
            mark = " **(best)**" if best and (tgt, n) == best[0] else ""
            w("| %s | %s: %s%s | %s | %s | %s | %s | %s |" % (size, SERVERS[tgt], NAMES.get(n, n), mark, f(v["rps"]), f(ours),
              ratio(ours, v["rps"]), f(ours_db), ratio(ours_db, v["rps"])))
        if best and ours:
            best_ratio[(t, size)] = (float(ours) / float(best[1]["rps"]), best[0])
        if best and ours_db:
            best_ratio_db[(t, size)] = (float(ours_db) / float(best[1]["rps"]), best[0])
    w("")
    for size in ("100", "1000"):
        if (t, size) in best_ratio:
            r, (tgt, n) = best_ratio[(t, size)]
            w("- %s features: ours ÷ the best peer (%s, %s) = **%.2f×**; target ≥ 5×: **%s**"
              % (size, SERVERS[tgt], NAMES.get(n, n), r, "met" if r >= 5 else "missed"))
        if (t, size) in best_ratio_db:
            r, (tgt, n) = best_ratio_db[(t, size)]
            w("  - every feature built by the database (Cache-Control: no-cache, no features kept in our server's memory): **%.2f×**; "
              "target ≥ 5×: **%s**" % (r, "met" if r >= 5 else "missed"))
    w("")
    w("(The peers serve the point projects of a flat table; ours serve points and lines with more properties and count "
      "`numberMatched`: compare bytes/resp and features/resp above.)")
    w("")
    w("Database floor (pgbench -M prepared -c 16 -j 2, the statements our server sent for the page built whole by the database "
      "(Cache-Control: no-cache: one statement returns the page's bytes), captured from the database log; "
      "'without the count': the same statements with the numberMatched column taken out). Our pages served as usual take "
      "the features they served before from memory and ask the database for ids and the count only, so they can beat this floor:")
    w("")
    w("| page | floor | floor tps | floor p50 ms | floor p99 ms | ours req/s | ours p50 ms | our time over the floor (floor tps / ours − 1) | target ≤ 25% |")
    w("|---|---|---|---|---|---|---|---|---|")
    for name in ("items100", "items1000"):
        for served in (name, name + "db"):
            ours = wrk.get((t, "atlas", served), {})
            for key, label, target in ((name, "with the count", False), (name + "nc", "without the count", True)):
                fl = floors.get((t, key), {})
                if fl.get("tps") and ours.get("rps"):
                    added = float(fl["tps"]) / float(ours["rps"]) - 1
                    w("| %s | %s | %s | %s | %s | %s | %s | %+.0f%% | %s |" % (NAMES[served], label, f(fl["tps"]), f(fl.get("p50")), f(fl.get("p99")),
                      f(ours["rps"]), f(ours.get("p50")), added * 100, ("met" if added <= 0.25 else "missed") if target else "–"))
    w("")
w("## Memory of our server (JVM heap from `jcmd GC.heap_info`, RSS from /proc)")
w("")
w("| when | heap | RSS |")
w("|---|---|---|")
for m in mems:
    w("| %s | %s | %s |" % tuple(m))
w("")
w("## Targets")
w("")
big = "100000" if "100000" in tiers else (tiers[-1] if tiers else "")
v = wrk.get((big, "atlas", "items1000"), {})
if v:
    w("- 1,000-feature bbox page p99 at %s (target ≤ 50 ms):" % big)
    w("  - 16 connections on %s cores (saturated; mostly waiting for a core): %s ms: **%s**"
      % (meta.get("cpus", "?"), f(v.get("p99")), "met" if float(v.get("p99", 1e9)) <= 50 else "missed"))
    for name, who in (("items1000c1", "one client at a time"), ("items1000c4", "4 clients at once")):
        c = wrk.get((big, "atlas", name), {})
        if c:
            w("  - %s: %s ms (%s req/s): **%s**" % (who, f(c.get("p99")), f(c.get("rps")),
              "met" if float(c.get("p99", 1e9)) <= 50 else "missed"))
v = wrk.get(("1000000", "atlas", "tile8"), {})
if v:
    w("- z8 tile p99 at 1M: %s ms (target ≤ 100 ms): **%s**" % (f(v.get("p99")), "met" if float(v.get("p99", 1e9)) <= 100 else "missed"))
else:
    w("- z8 tile p99 at 1M: not measured in this run (quick mode has one tier); z8 p99 at %s: %s ms"
      % (big, f(wrk.get((big, "atlas", "tile8"), {}).get("p99"))))
for name, how in (("tile12", "as served (built on its first request, then kept for the data version)"),
                  ("tile12db", "built by the database at every request (no-cache)")):
    v = wrk.get(("1000000", "atlas", name), {})
    if v:
        w("- z12 tile at 1M, %s, 16 connections: p99 %s ms (target ≤ 50 ms): **%s**"
          % (how, f(v.get("p99")), "met" if float(v.get("p99", 1e9)) <= 50 else "missed"))
for (t, size), (r, (tgt, n)) in sorted(best_ratio.items(), key=lambda x: (int(x[0][0]), int(x[0][1]))):
    w("- tier %s, %s features: %.2f× the best peer endpoint (%s, %s); target ≥ 5×: **%s**"
      % (t, size, r, SERVERS[tgt], NAMES.get(n, n), "met" if r >= 5 else "missed"))
    if (t, size) in best_ratio_db:
        w("  - every feature built by the database (no-cache): %.2f×: **%s**"
          % (best_ratio_db[(t, size)][0], "met" if best_ratio_db[(t, size)][0] >= 5 else "missed"))
w("- our time over the floor: see the floor table of each tier.")
w("")
w("## The peers, and how each is set up")
w("")
w("Each peer is set up as a competent admin would (bench/peer-table.sql, bench/mapserver/, bench/qgis/; check them for fairness):")
w("")
w("- **Data**: after each tier's load, `bench/peer-table.sql` builds `peer_project`, a flat table with the served columns "
  "(the same attributes our features carry; county codes and names from `placement`, the source file name), a GiST index on "
  "its geometry, its rows clustered in that index's order, `VACUUM ANALYZE`d. A peer layer has one geometry type, so it holds "
  "the point projects (ours serve points and ~10% lines too). Build time and rows are in the Data table.")
w("- **Role**: the peers connect as `peer`, with `max_parallel_workers_per_gather = 0` (on a flat table PostgreSQL gives "
  "a LIMIT 101 page a parallel plan, and starting its workers costs more than the page). Our server keeps the defaults.")
w("- **Database**: the same cluster our server reads, with `jit=off` (our launcher sets it; with `jit=on` a peer's page query "
  "could spend ~40 ms compiling).")
w("- **MapServer** (Debian `cgi-mapserver` %s): behind lighttpd 1.4 `mod_fastcgi`, %s FastCGI processes spawned by lighttpd "
  "on a unix socket, `MAPSERVER_CONFIG_FILE` with `MS_MAP_PATTERN` and a `MAPS` alias; layer `projects`: "
  "`DATA \"geom FROM peer_project USING UNIQUE id USING SRID=4326\"`, `PROCESSING \"CLOSE_CONNECTION=DEFER\"` (the "
  "connection stays open across requests), GeoJSON written by OGR in streaming mode, 6 decimals, `wfs_maxfeatures` 10000. "
  "Served through its OGC API items and its WFS 2.0 GetFeature GeoJSON. The layer of earlier runs, `projects_sub` (a "
  "subquery over our own tables, two correlated subqueries per row), is one extra row (OGC API)."
  % (meta.get("mapserver", ""), meta.get("ms_procs", "4")))
w("- **QGIS Server** (Debian `qgis-server` %s): its project written by the bench with PyQGIS (`bench/qgis/project.py`: "
  "one PostGIS layer over `peer_project`, key `id`, type Point, SRID 4326, estimated metadata, published for WFS with 6 "
  "decimals), `qgis_mapserv.fcgi` behind lighttpd `mod_fastcgi` with %s processes, `QT_QPA_PLATFORM=offscreen`, "
  "`QGIS_SERVER_TRUST_LAYER_METADATA=1`, `QGIS_SERVER_FORCE_READONLY_LAYERS=1`, log level 2 (critical only). Served through "
  "its WFS 1.1 GetFeature GeoJSON with a lon/lat BBOX (3.22 has WFS 1.0/1.1 only; a lat/lon urn BBOX finds nothing) and "
  "its OGC API (`/wfs3`), which counts numberMatched by fetching every matching row (no setting changes that)."
  % (meta.get("qgis", "").replace("QGIS Server ", ""), meta.get("qgis_procs", "4")))
w("- **Same load**: every peer endpoint gets the same boxes (the same wrk script and seeds) and the same warm-up per page kind "
  "as ours (15 s on a full run's first tier, 5 s in --quick, 3 s on later tiers), and its features per response are sampled "
  "over the same 10 boxes as ours.")
w("")
if os.path.exists(os.path.join(work, "explain.txt")):
    w("## EXPLAIN ANALYZE (second tier, or the only one)")
    w("")
    w(open(os.path.join(work, "explain.txt")).read())
# Figures that explain choices in the code (they were code comments): kept by hand, shown in every run.
earlier = os.path.join(os.path.dirname(os.path.abspath(__file__)), "earlier-figures.md")
if os.path.exists(earlier):
    w("")
    w(open(earlier).read().rstrip())
print("\n".join(out))
