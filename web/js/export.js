// Regional snapshot export: POST /api/exports and download the zip.

import { postExport } from './api.js';
import { today } from './format.js';
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

/** Wire the export section: getFilters() gives the current UI filters. */
export function setupExport({ button, status, formatInputs, viewOnly, map, getFilters }) {
  button.addEventListener('click', async () => {
    const filters = { ...getFilters() };
    delete filters.bbox;
    const region = viewOnly.checked ? viewBbox(map) : regionFor(filters);
    const formats = formatInputs.filter((i) => i.checked).map((i) => i.value);
    if (!formats.length) { status.textContent = '请至少选择一种格式。'; return; }
    button.disabled = true;
    status.textContent = '正在生成快照…';
    try {
      const { blob, filename } = await postExport(region, filters, formats);
      const name = Array.isArray(region) ? 'view' : region;
      const stamp = new Date().toISOString().slice(0, 10);
      download(blob, filename || `atlas-${name}-${stamp}.zip`);
      status.textContent = `已导出（${(blob.size / 1024).toFixed(0)} KB，${today()}）。`;
    } catch (e) {
      status.textContent = `导出失败：${describeError(e)}。`;
    } finally {
      button.disabled = false;
    }
  });
}
