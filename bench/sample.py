#!/usr/bin/env python3
"""Mean features per response over 10 random boxes drawn like bench/wrk/atlas.lua draws them.
usage: sample.py TIER TARGET NAME KIND LIMIT SIDE EXTRA CENTERS BASE [PREFIX LAYER ITEMS]
(KIND, PREFIX, LAYER and ITEMS as BENCH_KIND, BENCH_PREFIX, BENCH_LAYER and BENCH_ITEMS of atlas.lua)"""
import json
import random
import sys
import urllib.request

tier, target, name, kind, limit, side, extra, centers, base = sys.argv[1:10]
prefix, layer, items = (sys.argv[10:13] + ["", "projects", "items?f=json&"][len(sys.argv[10:13]):])[:3]
side = float(side)
pts = [tuple(map(float, l.split())) for l in open(centers) if l.strip()]
rng = random.Random(5)
counts = []
for _ in range(10):
    cx, cy = rng.choice(pts)
    x, y = cx + (rng.random() - 0.5) * 0.2, cy + (rng.random() - 0.5) * 0.2
    a, b, c, d = x - side / 2, y - side / 2, x + side / 2, y + side / 2
    if kind == "items":
        url = "%s/collections/projects/items?bbox=%.5f,%.5f,%.5f,%.5f&limit=%s%s" % (base, a, b, c, d, limit, extra)
    elif kind == "ogcapi":
        url = "%s%s/collections/%s/%sbbox=%.5f,%.5f,%.5f,%.5f&limit=%s" % (base, prefix, layer, items, a, b, c, d, limit)
    elif kind == "qwfs":
        url = ("%s%s?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME=%s&MAXFEATURES=%s"
               "&OUTPUTFORMAT=application/vnd.geo%%2Bjson&BBOX=%.5f,%.5f,%.5f,%.5f") % (base, prefix, layer, limit, a, b, c, d)
    else:
        url = ("%s%s?MAP=bench&SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=%s&COUNT=%s"
               "&OUTPUTFORMAT=geojson&BBOX=%.5f,%.5f,%.5f,%.5f,urn:ogc:def:crs:EPSG::4326") % (base, prefix, layer, limit, b, a, d, c)
    try:
        body = json.loads(urllib.request.urlopen(url, timeout=60).read())
        counts.append(len(body.get("features", [])))
    except Exception:
        counts.append(-1)
ok = [n for n in counts if n >= 0]
print("%.0f" % (sum(ok) / len(ok)) if ok else "error")
