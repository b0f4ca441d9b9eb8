// The legend (bottom right): project categories, circle sizes, area kinds, approximate outlines.

import { esc, categoryColour, shortCategory, kindLabel, OTHER_COLOUR } from './format.js';
import { KIND_STYLE } from './areas.js';
import { radiusFor } from './projects.js';

const SIZES = [1, 10, 100, 300];

/** One row per coloured category; the grey ones in one row 其他类别 (their names in its tooltip). */
function categoryRows(categories) {
  const own = categories.filter((c) => categoryColour(c) !== OTHER_COLOUR);
  const others = categories.filter((c) => categoryColour(c) === OTHER_COLOUR);
  const rows = own.map((c) => `<li title="${esc(c)}"><i class="swatch" style="background:${categoryColour(c)}"></i>${esc(shortCategory(c))}</li>`);
  if (others.length) {
    rows.push(`<li title="${esc(others.map(shortCategory).join('、'))}"><i class="swatch" style="background:${OTHER_COLOUR}"></i>其他类别（${others.length} 类）</li>`);
  }
  return rows.join('');
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

/**
 * Create the legend control; returns {control, setCategories(list), open, collapse()}. It folds away
 * (a <details>); onToggle(open) runs when the user opens or folds it (for the permalink).
 */
export function createLegend(map, { onToggle } = {}) {
  const control = L.control({ position: 'bottomright' });
  let box;
  let restoring = null; // the open state the page itself set (its 'toggle' event is not the user's)
  control.onAdd = () => {
    box = L.DomUtil.create('details', 'legend');
    box.id = 'legend';
    // Open only where it leaves the coast (Taizhou–Wenzhou, bottom right) in view: a tall, wide map.
    const size = map.getSize();
    box.open = size.x >= 900 && size.y >= 850;
    restoring = box.open ? true : null;
    box.innerHTML = '<summary>图例</summary>'; // never the browser's own "Details" before the first draw
    box.addEventListener('toggle', () => {
      if (restoring === box.open) { restoring = null; return; }
      restoring = null;
      onToggle?.(box.open);
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
  return {
    control,
    collapse() { box.open = false; },
    get open() { return box.open; },
    /** Open or fold it without telling onToggle (restoring a state). */
    setOpen(open) {
      if (box.open === open) return;
      restoring = open;
      box.open = open;
    },
    setCategories(categories, { tiles = false } = {}) {
      box.innerHTML = `<summary>图例</summary>
        <h4>项目类别</h4><ul class="categories">${categoryRows(categories)}</ul>
        ${tiles ? '<h4>总投资</h4><p class="muted">圆圈越大，总投资越多</p>' : `<h4>总投资</h4><div class="sizes">${sizeRow()}</div>`}
        <div class="line-sample"><i></i>线路类项目</div>
        <h4>位置</h4>
        <div class="point-sample"><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill="#777" fill-opacity="0.4" stroke="#777" stroke-width="2" stroke-dasharray="4 3"/></svg>区县代表点：只知所在区县，画在区县中心附近，不是具体选址</div>
        <div class="point-sample"><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill="#777" fill-opacity="0.85" stroke="#fff"/></svg>具体地点</div>
        ${tiles ? `<div class="point-sample"><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill="#777" fill-opacity="0.45"/></svg>无描边的半透明圆点：一小片区域内多个项目之和，越大越多（灰色为多个类别）；点击放大</div>`
    : '<div class="point-sample"><span class="cluster-sample">5</span>同一处的多个项目：点击展开</div>'}
        <h4>规划区域</h4><ul class="kinds">${kindRows()}</ul>
        <div class="approx-sample"><i></i>虚线：范围为所在区县近似</div>`;
    },
  };
}
