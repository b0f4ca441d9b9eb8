// Plan-area overlays: 四大建设, 大都市区 (with cores), 省级新区, 科创走廊, 大通道, 一体化合作先行区.

import { getItems } from './api.js';
import { esc, yi, yiWithUnit, count, kindLabel, shortCategory, categoryColour } from './format.js';
import { areaBasis, documentName } from './areabasis.js';

/** Overlay keys (used in the permalink), their Chinese names and default visibility, bottom first. */
export const AREA_OVERLAYS = [
  { key: 'constructions', label: '四大建设', on: false, colour: '#8d6e63' },
  { key: 'metros', label: '大都市区', on: true, colour: '#e8590c' },
  { key: 'coop-zones', label: '一体化合作先行区', on: false, colour: '#0ca678' },
  { key: 'new-districts', label: '省级新区', on: true, colour: '#7048e8' },
  { key: 'sci-corridors', label: '科创走廊', on: true, colour: '#2b8a3e' },
  { key: 'corridors', label: '大通道', on: true, colour: '#1971c2' },
];

const COLLECTIONS = ['constructions', 'metros', 'coop-zones', 'new-districts', 'corridors'];

/** Which overlay a plan area goes to (science corridors come in the corridors collection). */
function overlayKey(feature, collection) {
  return feature.properties.kind === 'science-corridor' ? 'sci-corridors' : collection;
}

/** Colours by kind. */
export const KIND_STYLE = {
  construction: { color: '#8d6e63', fillOpacity: 0.05 },
  metro: { color: '#e8590c', fillOpacity: 0.07 },
  'metro-core': { color: '#c92a2a', fillOpacity: 0.16 },
  'new-district': { color: '#7048e8', fillOpacity: 0.22 },
  'science-corridor': { color: '#2b8a3e', fillOpacity: 0.08 },
  corridor: { color: '#1971c2', fillOpacity: 0.06 },
  'urban-belt': { color: '#0c8599', fillOpacity: 0.05 },
  'garden-belt': { color: '#5c940d', fillOpacity: 0.05 },
  'coop-zone': { color: '#0ca678', fillOpacity: 0.16 },
};

function areaStyle(feature) {
  const p = feature.properties;
  const k = KIND_STYLE[p.kind] ?? { color: '#666', fillOpacity: 0.08 };
  return {
    pane: 'areas',
    color: k.color,
    fillColor: k.color,
    fillOpacity: k.fillOpacity,
    weight: 1.6,
    opacity: 0.85,
    dashArray: p.approximate ? '6 5' : null,
  };
}

/** The corridor's anchor line: drawn thick and semi-transparent above its buffer. */
function corridorLine(feature) {
  let line = feature.properties.line;
  if (typeof line === 'string') {
    try { line = JSON.parse(line); } catch { return null; }
  }
  if (!line?.coordinates) return null;
  const k = KIND_STYLE[feature.properties.kind] ?? { color: '#1971c2' };
  return L.geoJSON(line, {
    style: { pane: 'areaLines', color: k.color, weight: 9, opacity: 0.45, lineCap: 'round' },
  });
}

/** Popup body for a plan area; onPick(id) filters the projects to it. */
export function areaPopup(feature, onPick) {
  const p = feature.properties;
  const div = document.createElement('div');
  div.className = 'area-popup';
  div.innerHTML = `
    <h3>${esc(p.name)}</h3>
    <p class="muted">${esc(kindLabel(p.kind))}${p.width_km ? ` · 走廊宽度约 ${esc(p.width_km)} 公里` : ''}</p>
    ${p.approximate ? '<p class="approx">范围为所在区县近似（非精确边界）</p>' : ''}
    <table class="figures">
      <tr><th>项目数</th><td>${count(p.project_count ?? 0)} 个</td></tr>
      <tr><th>总投资</th><td>${yiWithUnit(p.total_investment ?? 0)}</td></tr>
    </table>
    ${groupTable(p.by_category, '按类别', true)}
    ${groupTable(p.by_nature, '按建设性质', false)}
    ${sourceBlock(p)}
    <button type="button" class="pick">筛选此区域的项目</button>`;
  div.querySelector('.pick').addEventListener('click', () => onPick(p.id));
  return div;
}

function groupTable(groups, title, swatches) {
  const entries = Object.entries(groups ?? {})
    .sort((a, b) => (b[1].total_investment ?? 0) - (a[1].total_investment ?? 0));
  if (!entries.length) return '';
  const rows = entries.map(([name, g]) => `<tr>
      <td title="${esc(name)}">${swatches ? `<i class="swatch" style="background:${categoryColour(name)}"></i>${esc(shortCategory(name))}` : esc(name || '未注明')}</td>
      <td class="num">${count(g.count)}</td><td class="num">${yi(g.total_investment)}</td></tr>`).join('');
  return `<table class="groups"><caption>${title}</caption>
    <tr><th></th><th>项目数</th><th>亿元</th></tr>${rows}</table>`;
}

function sourceBlock(p) {
  const parts = [];
  if (p.source?.quote) {
    parts.push(`<blockquote>“${esc(p.source.quote)}”<cite>——${esc(documentName(p.source.file))}</cite></blockquote>`);
  }
  // The reader's explanation, in Chinese; the engineers' notes (assumption) stay in geodata/plan-areas.md.
  const basis = areaBasis(p);
  if (basis.length) {
    parts.push(`<details class="assumption"${p.source?.quote ? '' : ' open'}><summary>划定依据</summary>${basis.map(esc).join('')}</details>`);
  }
  return parts.join('');
}

/**
 * Load all plan-area collections. Returns {overlays: Map key -> L.FeatureGroup, areas: [feature]}.
 * A collection that fails to load leaves its overlay empty (and is logged).
 */
export async function loadAreas(onPick) {
  const overlays = new Map(AREA_OVERLAYS.map((o) => [o.key, L.featureGroup()]));
  const areas = [];
  const results = await Promise.allSettled(COLLECTIONS.map((c) => getItems(c)));
  results.forEach((result, i) => {
    if (result.status !== 'fulfilled') {
      console.warn(`collection ${COLLECTIONS[i]} unavailable`, result.reason);
      return;
    }
    for (const feature of result.value.features) {
      const group = overlays.get(overlayKey(feature, COLLECTIONS[i])) ?? overlays.get('constructions');
      group.addLayer(drawArea(feature, onPick));
      areas.push(feature);
    }
  });
  return { overlays, areas };
}

/** Outline of the selected region or area: a dark line on a white halo, above everything. */
export function selectionLayer(feature) {
  const dash = feature.properties?.approximate ? '8 5' : null;
  const base = { pane: 'borders', fill: false, interactive: false };
  return L.featureGroup([
    L.geoJSON(feature, { style: { ...base, color: '#fff', weight: 6, opacity: 0.85 } }),
    L.geoJSON(feature, { style: { ...base, color: '#1a1a1a', weight: 2.5, opacity: 1, dashArray: dash } }),
  ]);
}

/** One area: its polygon (+ its anchor line for corridors) with tooltip and popup. */
function drawArea(feature, onPick) {
  const group = L.featureGroup();
  const polygon = L.geoJSON(feature, { style: areaStyle });
  group.addLayer(polygon);
  const line = corridorLine(feature);
  if (line) group.addLayer(line);
  group.bindTooltip(esc(feature.properties.name), { sticky: true, className: 'area-tooltip' });
  group.bindPopup(() => areaPopup(feature, onPick), { maxWidth: 340, maxHeight: 420, className: 'atlas-popup' });
  return group;
}
