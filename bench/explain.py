#!/usr/bin/env python3
"""EXPLAIN ANALYZE of what limits us, on the bench database at the current tier.
usage: explain.py WORK DB_PORT SIDE
- the 1,000-feature items query exactly as captured by floor.py (floor-1000.sql), for one box (it
  counts the matches and cuts the page in one scan);
- the z8 project tile 213/107 (Hangzhou) as served unfiltered: a read of the precomputed tile (V6);
- the same tile built live, as a filtered request or a request before the precomputed tiles caught up
  builds it (SQL of atlas.layers.Tiles with the filter TRUE)."""
import re
import subprocess
import sys

work, db_port, side = sys.argv[1:4]
PSQL = ["/usr/lib/postgresql/15/bin/psql", "-h", "127.0.0.1", "-p", db_port, "-U", "atlas", "-d", "atlas", "-X", "-q"]
half = float(side) / 2
cx, cy = 120.2, 30.25  # Hangzhou
box = {":minx": "%.4f" % (cx - half), ":miny": "%.4f" % (cy - half), ":maxx": "%.4f" % (cx + half), ":maxy": "%.4f" % (cy + half)}
feature = next(l for l in open("%s/floor-1000.sql" % work) if '"Feature"' in l).strip().rstrip(";")
for k, v in box.items():
    feature = feature.replace(k, v)

precomputed = """SELECT length(t.mvt) FROM serving_state s LEFT JOIN serving_tile t ON t.z = 8 AND t.x = 213 AND t.y = 107
  WHERE s.name = 'tiles' AND s.version = (SELECT version::text FROM version_counter WHERE name = 'serving_input')"""

cell = """ROW(ST_AsMVTGeom(ST_SetSRID(ST_MakePoint((sum(%(sx)s) / sum(%(n)s))::float8, (sum(%(sy)s) / sum(%(n)s))::float8), 3857),
                 (SELECT b FROM t), 4096, 64, true),
    CASE WHEN count(*) = 1 THEN min(p.fid) END, CASE WHEN count(*) = 1 THEN min(p.name) END,
    CASE WHEN min(p.category) = max(p.category) THEN min(p.category) END,
    count(*), sum(p.total_investment)::float8)::project_tile_feature""" % {
    "sx": "(ST_X(ST_Centroid(p.geom_3857)) * ST_NPoints(p.geom_3857))::numeric",
    "sy": "(ST_Y(ST_Centroid(p.geom_3857)) * ST_NPoints(p.geom_3857))::numeric",
    "n": "ST_NPoints(p.geom_3857)"}
live = """WITH t AS (SELECT ST_TileEnvelope(8, 213, 107) AS b,
                  (ST_XMax(ST_TileEnvelope(8, 213, 107)) - ST_XMin(ST_TileEnvelope(8, 213, 107))) / 256 AS cell),
     m AS (
  SELECT 0 AS k0, round(ST_Y(ST_PointOnSurface(p.geom_3857)) / t.cell) AS k1,
         round(ST_X(ST_PointOnSurface(p.geom_3857)) / t.cell) AS k2, NULL::text AS k3, %s AS f
  FROM project p, t
  WHERE p.geom_3857 && t.b AND GeometryType(p.geom_3857) IN ('POINT', 'MULTIPOINT')
  GROUP BY t.cell, round(ST_Y(ST_PointOnSurface(p.geom_3857)) / t.cell), round(ST_X(ST_PointOnSurface(p.geom_3857)) / t.cell)
  UNION ALL
  SELECT 1, NULL, NULL, p.fid, ROW(ST_AsMVTGeom(p.geom_3857, t.b, 4096, 64, true), p.fid, p.name, p.category, 1,
         p.total_investment::float8)::project_tile_feature
  FROM project p, t WHERE p.geom_3857 && t.b AND GeometryType(p.geom_3857) NOT IN ('POINT', 'MULTIPOINT'))
SELECT length(ST_AsMVT(m.f, 'projects', 4096, 'geom' ORDER BY m.k0, m.k1, m.k2, m.k3)) FROM m WHERE (m.f).geom IS NOT NULL""" % cell

for title, sql in [("items page, 1,000 features, as served (count and page in one scan)", feature),
                   ("z8 tile 213/107 (Hangzhou), unfiltered, as served (precomputed)", precomputed),
                   ("z8 tile 213/107 (Hangzhou), built live (filtered requests, or before the precomputed tiles caught up)", live)]:
    print("### %s\n" % title)
    out = subprocess.run(PSQL + ["-c", "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql], capture_output=True, text=True)
    text = out.stdout + out.stderr
    text = re.sub(r"'0103[0-9A-F]{40,}'::geometry", "'<box>'::geometry", text)
    print("```\n" + text.rstrip() + "\n```\n")
