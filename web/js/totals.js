// The totals panel: 项目数, 总投资 (亿元) and a small bar chart by category (plain SVG).

import { yi, count, categoryColour, shortCategory } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Totals computed in the browser from features (used when /api/stats is unavailable). */
export function statsFromFeatures(features) {
  const groups = new Map();
  let total = 0;
  for (const f of features) {
    const p = f.properties;
    const key = p.category ?? '';
    const g = groups.get(key) ?? { key, name: key || '（未分类）', count: 0, total_investment: 0 };
    g.count += 1;
    g.total_investment += p.total_investment ?? 0;
    total += p.total_investment ?? 0;
    groups.set(key, g);
  }
  return {
    groupby: 'category',
    total: { count: features.length, total_investment: total },
    groups: [...groups.values()],
  };
}

/** Render stats {total, groups} into the panel. */
export function renderTotals(stats, { countEl, investmentEl, chartEl, noteEl, note = '' }) {
  countEl.textContent = count(stats.total.count);
  investmentEl.textContent = yi(stats.total.total_investment);
  noteEl.textContent = note;
  chartEl.replaceChildren(barChart(stats.groups));
}

function svgEl(name, attrs) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** Horizontal bars: one per category, length by total investment, label and figure beside. */
function barChart(groups) {
  const sorted = [...groups].sort((a, b) => (b.total_investment ?? 0) - (a.total_investment ?? 0));
  const rowH = 20, labelW = 104, barW = 80, width = 256;
  const max = Math.max(1e-9, ...sorted.map((g) => g.total_investment ?? 0));
  const svg = svgEl('svg', {
    width, height: Math.max(rowH, sorted.length * rowH), role: 'img',
    viewBox: `0 0 ${width} ${Math.max(rowH, sorted.length * rowH)}`, 'aria-label': '各类别总投资（亿元）',
  });
  sorted.forEach((g, i) => {
    const y = i * rowH;
    const name = g.name || g.key || '（未分类）';
    const row = svgEl('g', { class: 'bar', transform: `translate(0,${y})` });
    const title = svgEl('title', {});
    title.textContent = `${name}：${count(g.count)} 个项目，${yi(g.total_investment)} 亿元`;
    const label = svgEl('text', { x: labelW - 4, y: 14, 'text-anchor': 'end', class: 'bar-label' });
    label.textContent = truncate(shortCategory(name), 8);
    const w = Math.max(1, (barW * (g.total_investment ?? 0)) / max);
    const bar = svgEl('rect', { x: labelW, y: 4, width: w, height: rowH - 8, rx: 2, fill: categoryColour(g.key || g.name) });
    const value = svgEl('text', { x: labelW + w + 4, y: 14, class: 'bar-value' });
    value.textContent = yi(g.total_investment);
    row.append(title, label, bar, value);
    svg.append(row);
  });
  if (!sorted.length) {
    const empty = svgEl('text', { x: 4, y: 14, class: 'bar-label' });
    empty.textContent = '无符合条件的项目';
    svg.append(empty);
  }
  return svg;
}

function truncate(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
