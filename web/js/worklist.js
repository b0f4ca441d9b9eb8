// The 清单 page: work items (改革 / 政策 / 平台 / 项目 / 任务) filtered by unit and deadline; items with a
// place on the map; a unit's page lists what it leads and what it joins, overdue items first.

import { createMap, loadBoundaries } from './basemap.js';
import { esc } from './format.js';

const $ = (s) => document.querySelector(s);
const KINDS = { reform: '重大改革', policy: '重大政策', platform: '重大平台', project: '重大项目', task: '重点任务' };
const FIELDS = ['unit', 'role', 'kind', 'from', 'to', 'q'];

const page = { map: null, layer: null, abort: null, items: [], lead: [], join: [] };

function readForm() {
  const form = $('#wl-filters');
  const out = {};
  for (const f of FIELDS) out[f] = form.elements[f].value.trim();
  return out;
}

function writeForm(state) {
  const form = $('#wl-filters');
  for (const f of FIELDS) form.elements[f].value = state[f] ?? '';
}

function stateFromUrl() {
  const qs = new URLSearchParams(location.search);
  const out = {};
  for (const f of FIELDS) out[f] = qs.get(f) ?? '';
  return out;
}

function writeUrl(state) {
  const qs = new URLSearchParams();
  for (const f of FIELDS) if (state[f]) qs.set(f, state[f]);
  const s = qs.toString();
  history.replaceState(null, '', location.pathname + (s ? `?${s}` : ''));
}

/** API parameters of the form state; unitRole: 'any' | 'lead' picks unit or lead_unit. */
function params(state, unitRole) {
  const p = { limit: 10000 };
  if (state.kind) p.kind = state.kind;
  if (state.q) p.q = state.q;
  if (state.from) p.deadline_from = `${state.from}-01`;
  if (state.to) p.deadline_to = state.to;
  if (state.unit) p[unitRole === 'lead' ? 'lead_unit' : 'unit'] = state.unit;
  return p;
}

async function getJson(path, p, signal) {
  const qs = new URLSearchParams(p).toString();
  const r = await fetch(`${path}${qs ? `?${qs}` : ''}`, { headers: { Accept: 'application/geo+json, application/json' }, signal });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

const items = (p, signal) => getJson('/collections/work-items/items', p, signal).then((fc) => fc.features);

function itemHtml(f) {
  const p = f.properties;
  const late = p.overdue === true;
  const units = [...(p.lead_units || []).map((u) => `<b>${esc(u)}</b>`), ...(p.other_units || []).map(esc)].join('、');
  return `<li data-id="${esc(f.id)}" class="${late ? 'overdue' : ''}">
    <div><span class="wl-badge">${esc(KINDS[p.kind] || p.kind)}</span>${late ? '<span class="wl-badge wl-late">已逾期</span>' : ''}
      <span class="wl-deadline">${esc(p.deadline_text || '无时限')}${p.deadline ? ` (${esc(p.deadline)})` : ''}</span></div>
    <div class="wl-title">${esc(p.title)}</div>
    ${p.content ? `<div class="wl-content">${esc(p.content.length > 160 ? `${p.content.slice(0, 160)}…` : p.content)}</div>` : ''}
    <div class="wl-units">${units}</div>
  </li>`;
}

function renderList(element, features) {
  element.innerHTML = features.map(itemHtml).join('');
  element.dataset.count = String(features.length);
}

function drawOnMap(features) {
  if (page.layer) page.layer.remove();
  const placed = features.filter((f) => f.geometry);
  page.layer = L.geoJSON({ type: 'FeatureCollection', features: placed }, {
    pointToLayer: (f, latlng) => L.circleMarker(latlng, {
      radius: 6, weight: 1, color: '#fff', fillOpacity: 0.85,
      fillColor: f.properties.overdue ? '#b3261e' : '#1f6f8b', pane: 'projects',
    }),
    onEachFeature: (f, layer) => {
      layer.itemId = f.id;
      layer.bindPopup(`<strong>${esc(f.properties.title)}</strong><br>${esc(f.properties.deadline_text || '')}`
        + `<br>${esc((f.properties.lead_units || []).join('、'))}`);
    },
  }).addTo(page.map);
  page.map.getContainer().dataset.drawn = String(placed.length);
}

function summary(features) {
  const byKind = {};
  let late = 0;
  for (const f of features) {
    byKind[f.properties.kind] = (byKind[f.properties.kind] || 0) + 1;
    if (f.properties.overdue) late += 1;
  }
  const rows = Object.entries(byKind).map(([k, n]) => `<tr><td>${esc(KINDS[k] || k)}</td><td>${n}</td></tr>`).join('');
  $('#wl-summary').innerHTML = `<h2>统计</h2><table>${rows}<tr><td>已逾期</td><td id="wl-late">${late}</td></tr></table>`;
}

async function load() {
  const state = readForm();
  writeUrl(state);
  if (page.abort) page.abort.abort();
  page.abort = new AbortController();
  const { signal } = page.abort;
  document.body.dataset.ready = 'false';
  $('#status').textContent = '加载中…';
  try {
    if (state.unit) {
      // A unit's page: what it leads, then what it joins (its items where it is not the lead).
      const [lead, any] = await Promise.all([items(params(state, 'lead'), signal),
        state.role === 'lead' ? Promise.resolve([]) : items(params(state, 'any'), signal)]);
      const leadIds = new Set(lead.map((f) => f.id));
      const join = any.filter((f) => !leadIds.has(f.id));
      page.lead = lead;
      page.join = join;
      page.items = [...lead, ...join];
      $('#wl-unit-page').hidden = false;
      $('#wl-all').hidden = true;
      $('#wl-unit-name').textContent = state.unit;
      $('#wl-lead-count').textContent = `${lead.length} 项`;
      $('#wl-join-count').textContent = state.role === 'lead' ? '（未显示）' : `${join.length} 项`;
      renderList($('#wl-lead-list'), lead);
      renderList($('#wl-join-list'), join);
    } else {
      page.items = await items(params(state, 'any'), signal);
      page.lead = [];
      page.join = [];
      $('#wl-unit-page').hidden = true;
      $('#wl-all').hidden = false;
      $('#wl-count').textContent = `（${page.items.length} 项）`;
      renderList($('#wl-item-list'), page.items);
    }
    drawOnMap(page.items);
    summary(page.items);
    $('#status').textContent = '';
    document.body.dataset.ready = 'true';
  } catch (e) {
    if (e.name === 'AbortError') return;
    $('#status').textContent = `加载失败：${e.message}`;
    document.body.dataset.error = e.message;
  }
}

async function loadUnits() {
  const stats = await getJson('/api/stats', { collection: 'work-items', groupby: 'unit' });
  $('#wl-unit-options').innerHTML = stats.groups.filter((g) => g.key)
    .map((g) => `<option value="${esc(g.key)}">${esc(g.key)}（${g.count}）</option>`).join('');
}

async function main() {
  page.map = createMap($('#map'));
  writeForm(stateFromUrl());
  let timer = null;
  $('#wl-filters').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  $('#wl-filters').addEventListener('change', load);
  $('#wl-filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('#wl-reset').addEventListener('click', () => { writeForm({}); load(); });
  await Promise.all([loadBoundaries(page.map, () => {}).catch(() => null), loadUnits().catch(() => null), load()]);
}

window.worklist = page; // for headless tests
main();
