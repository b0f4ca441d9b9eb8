// Regional snapshot export: says what it will export (region, filters, formats) before the click,
// then POST /api/exports and download the zip under the server's name for it.

import { postExport } from './api.js';
import { today, isoToday } from './format.js';
import { describeError } from './errors.js';

const PROVINCE = '330000';

/** The export region: county, else city, else plan area, else the whole province. */
export function regionFor(filters) {
  return filters.county || filters.city || filters.area || PROVINCE;
}

/** [minx, miny, maxx, maxy] of the map view (lon/lat, 4 decimals). */
function viewBbox(map) {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => Number(n.toFixed(4)));
}

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const FORMAT_NAMES = { geojson: 'GeoJSON', csv: 'CSV 表格', xlsx: 'Excel 表格', png: 'PNG 图片', svg: 'SVG 图片' };

/**
 * Wire the export section. getFilters() gives the current UI filters, describe() them in words
 * [{label, value}], regionName() the chosen region in words (null: the province). Returns
 * {refresh()} to call when the filters change.
 */
export function setupExport({ button, status, summary, formatInputs, viewOnly, map, getFilters, describe, regionName }) {
  function formats() {
    return formatInputs.filter((i) => i.checked).map((i) => i.value);
  }

  /** 将导出：湖州市（地级市）· 筛选：类别 …；总投资 100—不限 亿元 · 格式：… */
  function refresh() {
    const region = viewOnly.checked ? '当前地图范围' : (regionName() ?? '浙江省（全省）');
    const filters = describe().map((f) => `${f.label} ${f.value}`).join('；') || '无';
    const chosen = formats().map((f) => FORMAT_NAMES[f] ?? f).join('、') || '（未选格式）';
    summary.textContent = `将导出：${region}；筛选：${filters}；格式：${chosen}。`;
  }

  for (const input of [...formatInputs, viewOnly]) input.addEventListener('change', refresh);
  map.on('moveend', () => { if (viewOnly.checked) refresh(); });

  button.addEventListener('click', async () => {
    const filters = { ...getFilters() };
    delete filters.bbox;
    const region = viewOnly.checked ? viewBbox(map) : regionFor(filters);
    const chosen = formats();
    if (!chosen.length) { status.textContent = '请至少选择一种格式。'; return; }
    button.disabled = true;
    status.textContent = '正在生成快照…';
    try {
      const { blob, filename } = await postExport(region, filters, chosen);
      const name = filename || `atlas-${Array.isArray(region) ? 'bbox' : region}-${isoToday()}.zip`;
      download(blob, name);
      status.textContent = `已导出 ${name}（${(blob.size / 1024).toFixed(0)} KB，${today()}，北京时间）。`;
      status.dataset.filename = name;
    } catch (e) {
      status.textContent = `导出失败：${describeError(e)}。`;
    } finally {
      button.disabled = false;
    }
  });
  refresh();
  return { refresh };
}
