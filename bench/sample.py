#!/usr/bin/env python3
"""Mean features per response over 10 random boxes drawn like bench/wrk/atlas.lua draws them.
usage: sample.py TIER TARGET NAME KIND LIMIT SIDE EXTRA CENTERS BASE MS_BASE"""
import json
import random
import sys
import urllib.request

tier, target, name, kind, limit, side, extra, centers, base, ms_base = sys.argv[1:11]
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
        url = "%s/mapserv/bench/ogcapi/collections/projects/items?f=json&bbox=%.5f,%.5f,%.5f,%.5f&limit=%s" % (ms_base, a, b, c, d, limit)
    else:
        url = ("%s/mapserv?MAP=bench&SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=projects&COUNT=%s"
               "&OUTPUTFORMAT=geojson&BBOX=%.5f,%.5f,%.5f,%.5f,urn:ogc:def:crs:EPSG::4326") % (ms_base, limit, b, a, d, c)
    try:
        body = json.loads(urllib.request.urlopen(url, timeout=60).read())
        counts.append(len(body.get("features", [])))
    except Exception:
        counts.append(-1)
ok = [n for n in counts if n >= 0]
print("%.0f" % (sum(ok) / len(ok)) if ok else "error")
