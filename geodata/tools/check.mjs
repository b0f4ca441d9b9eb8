// Sanity checks on the generated geodata: node check.mjs (exits non-zero on failure)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const g = join(dirname(fileURLToPath(import.meta.url)), '..');
const csv = f => { const [h, ...r] = readFileSync(join(g, f), 'utf8').trimEnd().split('\n'); const H = h.split(',');
  return r.map(l => { const o = []; let c = '', q = false; for (let i = 0; i < l.length; i++) { const x = l[i];
    if (q) { if (x === '"') { if (l[i + 1] === '"') { c += '"'; i++; } else q = false; } else c += x; } else if (x === '"') q = true; else if (x === ',') { o.push(c); c = ''; } else c += x; }
    o.push(c); return Object.fromEntries(H.map((k, i) => [k, o[i] ?? ''])); }); };
let fail = 0; const ok = (c, m) => { if (!c) { fail++; console.log('FAIL', m); } };
const fc = JSON.parse(readFileSync(join(g, 'boundaries/zhejiang-counties.geojson'), 'utf8'));
ok(fc.type === 'FeatureCollection' && !fc.crs, 'FeatureCollection without crs');
ok(fc.features.length === 90, `90 features (${fc.features.length})`);
const area = r => { let s = 0; for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1]; return s / 2; };
let verts = 0;
for (const f of fc.features) {
  ok(JSON.stringify(Object.keys(f.properties)) === '["code","name","city_code"]', 'property keys ' + f.properties.code);
  const ps = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const p of ps) p.forEach((r, i) => { verts += r.length;
    ok(r[0][0] === r.at(-1)[0] && r[0][1] === r.at(-1)[1], 'closed ring');
    ok(i === 0 ? area(r) > 0 : area(r) < 0, `orientation ${f.properties.code} ring ${i}`);
    for (const [x, y] of r) ok(x > 118 && x < 123.5 && y > 27 && y < 31.5 && Math.round(x * 1e6) / 1e6 === x && Math.round(y * 1e6) / 1e6 === y, 'lon/lat range + 6 decimals');
  });
}
for (const c of ['330113', '330114', '330383']) ok(fc.features.some(f => f.properties.code === c), 'has ' + c);
const div = csv('gazetteer/divisions.csv');
const cur = new Map(div.filter(d => !d.valid_to).map(d => [d.code, d]));
ok(div.filter(d => d.level === 'city').length === 11, '11 cities');
ok(div.filter(d => d.level === 'county' && !d.valid_to).length === 90, '90 current counties');
const bcodes = fc.features.map(f => f.properties.code).join();
ok([...cur.values()].filter(d => d.level === 'county').map(d => d.code).join() === bcodes, 'divisions counties == boundary counties');
for (const d of div) if (d.parent_code) ok(cur.has(d.parent_code), 'parent exists ' + d.code);
for (const f of fc.features) ok(cur.get(f.properties.code)?.name === f.properties.name && cur.has(f.properties.city_code), 'boundary name/city ' + f.properties.code);
const al = csv('gazetteer/aliases.csv');
for (const a of al) ok(cur.has(a.code), 'alias code current ' + a.alias + ' ' + a.code);
ok(al.every(a => ['full', 'short', 'old', 'town', 'street', 'zone', 'landmark', 'other'].includes(a.kind)), 'alias kinds');
for (const h of csv('gazetteer/code-history.csv')) { for (const c of h.current_codes.split(';')) ok(cur.has(c) && cur.get(c).level === 'county', 'history target ' + h.old_code + '>' + c);
  ok(['rename', 'merge', 'split', 'reform'].includes(h.kind), 'history kind'); }
for (const z of csv('gazetteer/functional-zones.csv')) for (const c of z.county_codes.split(';').filter(Boolean)) ok(cur.has(c), 'zone target ' + z.code);
const want = { '乌镇': '330483', '六横': '330903', '织里': '330502', '织里镇': '330502', '练市': '330503', '塘栖': '330113', '乔司': '330113', '临平': '330113', '下沙': '330114', '大江东': '330114', '临安市': '330112', '玉环县': '331083', '绍兴县': '330603', '杭州市余杭区': '330110', '富阳市': '330111', '上虞市': '330604' };
for (const [a, c] of Object.entries(want)) { const rows = al.filter(r => r.alias === a).map(r => r.code); ok(rows.length === 1 && rows[0] === c, `${a} -> ${c} (${rows})`); }
ok(al.filter(r => r.alias === '江干区').map(r => r.code).join() === '330102,330114', '江干区 ambiguous 330102/330114');
const multi = {}; for (const a of al) multi[a.alias] = (multi[a.alias] || 0) + 1;
console.log(`features ${fc.features.length}, vertices ${verts}, divisions ${div.length}, aliases ${al.length} (${Object.values(multi).filter(n => n > 1).length} ambiguous)`);
console.log(fail ? `${fail} checks failed` : 'all checks passed'); process.exit(fail ? 1 : 0);
