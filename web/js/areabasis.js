// How a plan area was drawn, in Chinese for the reader of its popup (划定依据). Built from the area's
// own fields (members, corridor line and width, approximate, clipped); the engineers' notes on each
// area stay in geodata/plan-areas.md.

const divisionNames = new Map(); // code -> name (counties and cities, from the boundary layers)
const sourceTitles = new Map();  // file name -> document title

/** Tell the module the division names (boundary features with properties code and name). */
export function setDivisionNames(features) {
  for (const f of features) divisionNames.set(String(f.properties.code), f.properties.name);
}

/** Tell the module the source documents' titles: files[i] has titles[i]. */
export function setSourceTitles(files, titles) {
  files.forEach((file, i) => { if (titles[i] && titles[i] !== file) sourceTitles.set(file, titles[i]); });
}

/** A source file by its document's title, 《…》, or the file name when it has none. */
export function documentName(file) {
  return sourceTitles.has(file) ? `《${sourceTitles.get(file)}》` : (file ?? '');
}

/** The sentences of an area's 划定依据. */
export function areaBasis(p) {
  const out = [];
  const members = (p.members ?? []).map((c) => divisionNames.get(String(c)) ?? String(c));
  const isLine = Boolean(p.line) || p.width_km != null;
  if (isLine) {
    out.push(`以走廊主线为中心线${p.width_km ? `、宽约 ${p.width_km} 公里` : ''}划出的带状范围。`);
    if (members.length) out.push(`主线经过 ${members.length} 个区县：${members.join('、')}。`);
  } else if (members.length) {
    out.push(`按所含的 ${members.length} 个区县划定：${members.join('、')}。`);
  }
  if (p.approximate) out.push('范围为近似示意，并非规划文件划定的精确边界。');
  if (p.clipped) out.push('超出浙江省界的部分已裁去。');
  if (p.source?.file) out.push(`出处：${documentName(p.source.file)}。`);
  return out;
}
