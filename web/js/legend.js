// The legend (bottom right): project categories, circle sizes, area kinds, approximate outlines.

import { esc, categoryColour, shortCategory, kindLabel } from './format.js';
import { KIND_STYLE } from './areas.js';
import { radiusFor } from './projects.js';

const SIZES = [1, 10, 100, 300];

function categoryRows(categories) {
  return categories.map((c) => `<li title="${esc(c)}"><i class="swatch" style="background:${categoryColour(c)}"></i>${esc(shortCategory(c))}</li>`).join('');
}

function sizeRow() {
  return SIZES.map((v) => {
    const r = radiusFor(v);
    return `<span class="size"><svg width="${2 * r + 2}" height="${2 * r + 2}"><circle cx="${r + 1}" cy="${r + 1}" r="${r}" fill="#999" fill-opacity="0.5" stroke="#555"/></svg>${v}</span>`;
  }).join('') + '<span class="muted">亿元</span>';
}

function kindRows() {
  return Object.entries(KIND_STYLE).map(([kind, s]) => `<li><i class="area-swatch" style="border-color:${s.color};background:${s.color}33"></i>${esc(kindLabel(kind))}</li>`).join('');
}

/** Create the legend control; returns {control, setCategories(list)}. */
export function createLegend(map) {
  const control = L.control({ position: 'bottomright' });
  let box;
  control.onAdd = () => {
    box = L.DomUtil.create('details', 'legend');
    box.id = 'legend';
    box.open = window.innerWidth > 1200 && window.innerHeight > 700;
    box.innerHTML = '<summary>图例</summary>'; // never the browser's own "Details" before the first draw
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
  return {
    control,
    collapse() { box.open = false; },
    setCategories(categories) {
      box.innerHTML = `<summary>图例</summary>
        <h4>项目类别</h4><ul class="categories">${categoryRows(categories)}</ul>
        <h4>总投资</h4><div class="sizes">${sizeRow()}</div>
        <div class="line-sample"><i></i>线路类项目</div>
        <h4>规划区域</h4><ul class="kinds">${kindRows()}</ul>
        <div class="approx-sample"><i></i>虚线：范围为所在区县近似</div>`;
    },
  };
}
