#!/usr/bin/env python3
"""EXPLAIN ANALYZE of what limits us, on the bench database at the current tier.
usage: explain.py WORK DB_PORT SIDE
- the 1,000-feature items query exactly as captured by floor.py (floor-1000.sql), for one box;
- the same query with the page cut first (ORDER BY/LIMIT in a subquery, then the joins): the suggested fix;
- a z8 vector tile of the projects layer (SQL copied from atlas.layers.Tiles);
- the count query of the page."""
import re
import subprocess
import sys

work, db_port, side = sys.argv[1:4]
PSQL = ["/usr/lib/postgresql/15/bin/psql", "-h", "127.0.0.1", "-p", db_port, "-U", "atlas", "-d", "atlas", "-X", "-q"]
half = float(side) / 2
cx, cy = 120.2, 30.25  # Hangzhou
box = {":minx": "%.4f" % (cx - half), ":miny": "%.4f" % (cy - half), ":maxx": "%.4f" % (cx + half), ":maxy": "%.4f" % (cy + half)}
lines = [l for l in open("%s/floor-1000.sql" % work) if "json_build_object" in l or l.startswith("SELECT count")]
feature = next(l for l in lines if "json_build_object" in l).strip().rstrip(";")
count = next((l for l in lines if l.startswith("SELECT count")), "").strip().rstrip(";")
for k, v in box.items():
    feature = feature.replace(k, v)
    count = count.replace(k, v)

order = feature.rfind(" ORDER BY ")
where = feature.rfind(" WHERE ", 0, order)
frm = feature.find(" FROM project p ")
tail = feature[order:]                      # ORDER BY ... LIMIT n OFFSET m
order_only = re.sub(r"\s+LIMIT.*$", "", tail)
limit_part = tail[len(order_only):]
fixed = (feature[:frm] + " FROM (SELECT p.* FROM project p" + feature[where:order] + order_only + limit_part + ") p "
         + feature[frm + len(" FROM project p "):where] + order_only)

tile = """SELECT length(ST_AsMVT(m.*, 'projects', 4096, 'geom')) FROM (
  SELECT ST_AsMVTGeom(ST_Transform(p.geom, 3857), t.b, 4096, 64, true) AS geom, p.fid AS id, p.name, p.category,
         p.nature, p.precision, p.total_investment::float8 AS total_investment
  FROM project p, (SELECT ST_TileEnvelope(8, 213, 107) AS b, ST_Transform(ST_TileEnvelope(8, 213, 107), 4326) AS b4326) t
  WHERE p.geom && t.b4326) m WHERE m.geom IS NOT NULL"""

for title, sql in [("items page, 1,000 features, as served", feature),
                   ("items page, 1,000 features, page cut first (suggested)", fixed),
                   ("count of the same box", count),
                   ("z8 tile 213/107 (Hangzhou), as served", tile)]:
    print("### %s\n" % title)
    out = subprocess.run(PSQL + ["-c", "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql], capture_output=True, text=True)
    text = out.stdout + out.stderr
    text = re.sub(r"'0103[0-9A-F]{40,}'::geometry", "'<box>'::geometry", text)
    print("```\n" + text.rstrip() + "\n```\n")
