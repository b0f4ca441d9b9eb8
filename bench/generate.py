#!/usr/bin/env python3
"""Synthetic Zhejiang projects for the benchmarks (bench/run). Deterministic for a given --seed.

Two outputs:
  --mode db      two CSV files for COPY: project rows (with geometry as EWKT, already placed) and one
                 placement row per project, so every filter (county, city, category, investment, years) works.
  --mode import  one CSV list in the shape of the official exports (序号,项目名称,建设地点,总投资(亿元),
                 项目起止年限,...), fed to `./atlas import` to time our own import and geocoding path.

Points come from a pool of random points inside the real county polygons (ST_GeneratePoints over
division.geom, exported by bench/run as code,x,y): half of each county's share by area, half equal per
county (projects cluster in small urban districts more than area alone would say). About 10% of the
projects are short lines (2-4 vertices, 3-25 km) starting at a pool point, like roads or pipelines.
"""
import argparse
import csv
import hashlib
import math
import random
import sys

CATEGORIES = [  # the categories of the seed lists (000, 001), with rough weights
    ("以融入长三角一体化为重点的基础设施互联互通工程", 30), ("以集聚高端产业为重点的“万亩千亿”新产业平台培育工程", 16),
    ("以三大科创走廊为重点的重大科创平台建设工程", 7), ("文化活力街区打造工程", 5), ("以高品质生活为重点的未来社区建设工程", 5),
    ("城市阳台景观塑造工程", 5), ("以供应链提升为重点的湾区现代物流体系建设工程", 5),
    ("以打造油气全产业链为重点的国际油气贸易中心建设工程", 4), ("交通节点新城开发工程", 4),
    ("以美丽海湾建设为重点的生态海岸带建设工程", 4), ("海绵城市和绿心绿道网络连接工程", 3), ("优质高校院所引育工程", 3),
    ("老旧小区综合改造工程", 2), ("以城市大脑为重点的“数字湾区”建设工程", 2), ("以应用支撑为重点的智慧海洋建设工程", 1),
    ("高品质步行街提升工程", 1), ("以新金融为重点的金融港湾建设工程", 1), ("区域医疗中心共建工程", 1),
    ("一体化合作先行区共建工程", 1), ("千年古城复兴工程", 1),
]
POINT_WORDS = ["产业园基础设施", "未来社区", "科创中心", "智能制造基地", "物流园区", "人民医院迁建", "城市更新",
               "滨江绿道", "数字经济产业园", "污水处理厂扩建", "文化街区提升", "职业技术学院新校区", "综合客运枢纽",
               "高新区标准厂房", "海塘安澜", "老旧小区改造", "会展中心", "港区码头", "能源站", "生态修复"]
LINE_WORDS = ["公路改建", "城际铁路", "快速路", "输水管线", "高速公路扩容", "天然气管道", "绿道", "轨道交通"]
PHASES = ["", "", "", "(一期)", "(二期)", "(三期)"]


def read_pool(path):
    pool = []
    with open(path, newline="", encoding="utf-8") as f:
        for code, x, y in csv.reader(f):
            pool.append((code, float(x), float(y)))
    return pool


def read_counties(path):
    """code,name,short_name,city_code,city_name."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for code, name, short, city_code, city_name in csv.reader(f):
            out[code] = (name, short or name, city_code, city_name)
    return out


def investment(rng):
    # log-normal, median ~12 亿元, clipped to 0.5-500 亿元
    v = math.exp(rng.gauss(math.log(12), 1.3))
    return round(min(500.0, max(0.5, v)), 2)


def years(rng):
    start = rng.randint(2016, 2025)
    end = min(2026, start + rng.randint(1, 6))
    return start, end


def choose_category(rng, weights):
    return rng.choices(CATEGORIES, weights=weights)[0][0]


def ewkt_point(x, y):
    return "SRID=4326;POINT(%.6f %.6f)" % (x, y)


def line(rng, x, y):
    n = rng.randint(2, 4)
    length = rng.uniform(0.03, 0.23)  # degrees, ~3-25 km
    bearing = rng.uniform(0, 2 * math.pi)
    pts = [(x, y)]
    step = length / (n - 1)
    for _ in range(n - 1):
        bearing += rng.uniform(-0.4, 0.4)
        x += step * math.cos(bearing)
        y += step * math.sin(bearing) * 0.9
        pts.append((x, y))
    return "SRID=4326;LINESTRING(" + ",".join("%.6f %.6f" % p for p in pts) + ")", pts[-1]


def nearest_county(pool_by_cell, x, y, fallback):
    c = pool_by_cell.get((round(x, 1), round(y, 1)))
    return c if c else fallback


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["db", "import"], required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--start-id", type=int, default=10_000_001)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pool", required=True, help="CSV code,x,y of random points inside counties")
    ap.add_argument("--counties", required=True, help="CSV code,name,short_name,city_code,city_name")
    ap.add_argument("--document-id", type=int, default=0)
    ap.add_argument("--out", required=True, help="project CSV (db) or the list CSV (import)")
    ap.add_argument("--placements", help="placement CSV (db mode)")
    ap.add_argument("--fids", help="write the project keys of 1,000 rows here (db mode)")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    pool = read_pool(a.pool)
    counties = read_counties(a.counties)
    weights = [w for _, w in CATEGORIES]
    cell = {}
    for code, x, y in pool:
        cell.setdefault((round(x, 1), round(y, 1)), code)
    jitter = 0.0 if len(pool) >= a.n else 0.003  # reuse of pool points is jittered by <= ~300 m

    if a.mode == "import":
        with open(a.out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["序号", "项目名称", "建设地点", "项目类别", "建设性质", "项目代码", "总投资(亿元)",
                        "项目起止年限", "责任单位", "建设规模和内容"])
            for i in range(a.n):
                code, x, y = pool[rng.randrange(len(pool))]
                name, short, city_code, city_name = counties[code]
                start, end = years(rng)
                is_line = rng.random() < 0.10
                if is_line:
                    _, (ex, ey) = line(rng, x, y)
                    other = nearest_county(cell, ex, ey, code)
                    oshort = counties[other][1]
                    pname = "%s至%s%s工程%s" % (short, oshort if other != code else counties[rng.choice(list(counties))][1],
                                             rng.choice(LINE_WORDS), rng.choice(PHASES))
                    where = "%s、%s" % (name, counties[other][0]) if other != code else city_name + name
                else:
                    pname = "%s%s项目%s" % (short, rng.choice(POINT_WORDS), rng.choice(PHASES))
                    r = rng.random()
                    where = city_name + name if r < 0.6 else (name if r < 0.85 else "")
                pcode = "%d-%s-48-01-%06d" % (start, code, rng.randrange(1_000_000)) if rng.random() < 0.5 else ""
                w.writerow([i + 1, pname, where, choose_category(rng, weights), "新建" if start >= 2022 else "续建",
                            pcode, "%.2f" % investment(rng), "%d-%d" % (start, end), city_name + "政府",
                            "建设%s等，总用地约%d亩" % (rng.choice(POINT_WORDS), rng.randint(20, 3000))])
        return

    fids = []
    with open(a.out, "w", newline="", encoding="utf-8") as f, open(a.placements, "w", newline="", encoding="utf-8") as g:
        w = csv.writer(f)
        pw = csv.writer(g)
        for i in range(a.n):
            pid = a.start_id + i
            code, x, y = pool[rng.randrange(len(pool))]
            if jitter:
                x += rng.uniform(-jitter, jitter)
                y += rng.uniform(-jitter, jitter)
            name, short, city_code, city_name = counties[code]
            start, end = years(rng)
            is_line = rng.random() < 0.10
            if is_line:
                geom, _ = line(rng, x, y)
                pname = "%s%s工程%s" % (short, rng.choice(LINE_WORDS), rng.choice(PHASES))
                precision = "route"
            else:
                geom = ewkt_point(x, y)
                pname = "%s%s项目%s" % (short, rng.choice(POINT_WORDS), rng.choice(PHASES))
                precision = "county"
            key = "bench:%d" % pid
            total = investment(rng)
            planned = round(total * rng.uniform(0.05, 0.4), 2)
            category = choose_category(rng, weights)
            nature = "新建" if (start >= 2022) != (rng.random() < 0.1) else "续建"
            pcode = "{%d-%s-48-01-%06d}" % (start, code, pid % 1_000_000) if rng.random() < 0.5 else "{}"
            w.writerow([pid, key, a.document_id, "基准测试合成项目表", "合成项目", i + 1, i + 2, i + 2, pname, category,
                        pcode, nature, city_name + name, start, end, total, planned, "",
                        "{%s政府}" % city_name, "建设%s等" % rng.choice(POINT_WORDS), '{"synthetic": true}', "[]",
                        hashlib.md5(key.encode()).hexdigest(), precision, geom])
            pw.writerow([pid, code, "location", precision, "synthetic: " + city_name + name, 0])
            if len(fids) < 1000 and rng.random() < max(0.001, 1000 / a.n):
                fids.append(hashlib.md5(key.encode()).hexdigest()[:12])
    if a.fids:
        with open(a.fids, "w") as f:
            f.write("\n".join(fids) + "\n")


if __name__ == "__main__":
    sys.exit(main())
