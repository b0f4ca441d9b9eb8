// Project Atlas web map: wires the modules together and keeps the URL in step with the page.

import { apiFilters, getConfig, getFacets, getProjects, getStats } from './js/api.js';
import { createMap, loadBoundaries, tileLayer, ZHEJIANG_BOUNDS } from './js/basemap.js';
import { AREA_OVERLAYS, loadAreas, selectionLayer } from './js/areas.js';
import { createProjectLayer, projectId } from './js/projects.js';
import { createProjectTiles } from './js/projecttiles.js';
import { createList, setCityNames, PAGE_ROWS } from './js/list.js';
import { createFilters } from './js/filters.js';
import { renderTotals, statsFromFeatures } from './js/totals.js';
import { createLegend } from './js/legend.js';
import { setupExport } from './js/export.js';
import { projectPopup } from './js/popup.js';
import { readState, writeState, onHistory } from './js/permalink.js';
import { registerCategories, knownCategories, count, esc } from './js/format.js';
import { labelPoint } from './js/geo.js';
import { setupPlaceSearch } from './js/placesearch.js';
import { describeError } from './js/errors.js';
import { fitPopups } from './js/popupfit.js';
import { createTabs } from './js/tabs.js';
import { setDivisionNames, setSourceTitles } from './js/areabasis.js';
import { filterProblems } from './js/validate.js';
import { createYearSlider } from './js/yearslider.js';

const $ = (selector) => document.querySelector(selector);
const DEFAULT_LAYERS = [...AREA_OVERLAYS.filter((o) => o.on).map((o) => o.key), 'projects'];
const PROJECT_OVERLAY = { key: 'projects', label: '项目', colour: '#7a2e0e' };
/**
 * Projects are drawn from the server's vector tiles, whatever their number: the first render, a filter
 * change and pan/zoom measured as fast as GeoJSON clustered in the browser at 10,000 projects and
 * faster beyond (bench/map/RESULTS.md); the list pages through the API. ?render=geojson draws them the
 * older way instead: up to GEOJSON_MAX of them in one answer, clustered in the browser.
 */
const GEOJSON_MAX = 10000; // the API's largest page
const TILES = new URLSearchParams(window.location.search).get('render') !== 'geojson';

const app = {
  map: null,
  filters: null, list: null, projects: null, legend: null, boundaries: null, tabs: null, // the page's parts
  projectTiles: null,     // the 项目 overlay drawn from vector tiles (many projects)
  mode: 'geojson',        // how projects are drawn now: 'geojson' (clustered in the browser) or 'tiles'
  matched: 0,             // projects matching the filters (all of them, not just the ones loaded)
  layers: new Map(),      // overlay key -> Leaflet layer
  tiles: null,            // optional base tile layer
  noTiles: L.layerGroup(), // the "no tiles" choice of the base-layer switch
  regions: { cities: [], counties: [], areas: [] },
  features: [],
  applying: false,        // true while restoring a state (suppresses history pushes)
  selection: null,        // outline of the selected region or area
  abort: null,            // cancels the previous project request
  prefetch: null,         // {key, projects, stats}: the first project request, sent before the boundaries arrive
  loadedOnce: false,
  loadedKey: null,        // filters of the last project request
  lastRegion: '',         // city|county|area of the last filter change
  wasTyping: false,       // last change came from typing in the search box
  keyboardPick: null,     // id of the project whose popup was opened from the list by keyboard
  exportPanel: null,      // {refresh()} of the export section
};

function setStatus(text) {
  $('#status').textContent = text;
}

/**
 * After a failed or refused request the map, list and totals still show the last result: grey it out
 * and say why (null: the result is current).
 */
function setStale(reason) {
  document.body.classList.toggle('stale', Boolean(reason));
  for (const note of document.querySelectorAll('.stale-note')) {
    note.textContent = reason ? `${reason}。下面灰色显示的是上一次的结果，不符合当前筛选。` : '';
    note.hidden = !reason;
  }
}

/** The whole page state, as the permalink stores it. */
function currentState() {
  const c = app.map.getCenter();
  const layers = [...app.layers.entries()].filter(([, l]) => app.map.hasLayer(l)).map(([k]) => k);
  if (app.tiles && app.map.hasLayer(app.tiles)) layers.push('tiles');
  return {
    filters: app.filters.read(),
    layers,
    sort: app.list.sort,
    legend: app.legend.open ? 'open' : 'closed',
    view: { zoom: app.map.getZoom(), lat: c.lat, lng: c.lng },
  };
}

function remember({ push }) {
  if (!app.applying) writeState(currentState(), { push });
}

// ---------------------------------------------------------------- projects

const requestKey = (filters) => JSON.stringify(apiFilters(filters));

function fetchProjects(filters, signal) {
  return [
    // With tiles the list's first page; without, everything the map draws.
    getProjects(filters, signal, { limit: TILES ? PAGE_ROWS : GEOJSON_MAX }),
    getStats('category', filters, signal).catch((e) => (e.name === 'AbortError' ? Promise.reject(e) : null)),
  ];
}

/** Send the first project request at once, beside the boundary requests, instead of after them. */
function prefetchProjects(filters) {
  if (filterProblems(filters).length) return; // told in the form once it is drawn; nothing to ask
  const [projects, stats] = fetchProjects(filters);
  projects.catch(() => {}); // a failure is reported when (and if) the answer is used
  app.prefetch = { key: requestKey(filters), projects, stats };
}

/** Fetch projects and totals for the current filters and redraw map, list and totals. */
async function loadProjects() {
  app.abort?.abort();
  app.abort = new AbortController();
  const { signal } = app.abort;
  const filters = app.filters.read();
  app.loadedKey = JSON.stringify(filters);
  app.exportPanel?.refresh();
  const problems = app.filters.problems();
  if (problems.length) {
    setStatus(`筛选条件有误：${problems.map((p) => p.message).join('；')}`);
    setStale('筛选条件有误，未更新结果');
    document.body.dataset.ready = 'true'; // the page has done what it can: the form says what to fix
    return;
  }
  const early = app.prefetch?.key === requestKey(filters) ? app.prefetch : null;
  app.prefetch = null;
  setStatus('正在加载项目…');
  try {
    const requests = early ? [early.projects, early.stats] : fetchProjects(filters, signal);
    // The tiles start at once, beside the list's page and the totals.
    if (TILES) app.projectTiles.show(filters);
    const [collection, stats] = await Promise.all(requests);
    if (signal.aborted) return; // a newer request has taken over
    app.features = collection.features ?? [];
    app.matched = collection.numberMatched ?? app.features.length;
    app.mode = TILES ? 'tiles' : 'geojson';
    document.body.dataset.render = app.mode;
    await (TILES ? renderTiles(filters, collection, stats, signal) : render(collection, stats));
    if (signal.aborted) return;
    setStatus('');
    setStale(null);
    if (!app.loadedOnce) {
      app.loadedOnce = true;
      document.body.dataset.ready = 'true';
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
    console.error(e);
    setStatus(`项目加载失败：${describeError(e)}`);
    setStale(`项目加载失败：${describeError(e)}`);
    document.body.dataset.error = e.message;
  }
}

/** Many projects: tiles on the map, the list pages through the API, totals from /api/stats. */
function renderTiles(filters, collection, stats, signal) {
  const features = app.features;
  registerCategories((stats?.groups ?? []).map((g) => g.key ?? ''));
  app.projects.render([]);
  const drawn = app.projectTiles.show(filters);
  const sortby = () => (app.list.sort.replace(/^-/, '') === 'county' ? '-total_investment' : app.list.sort);
  app.list.renderPaged(features, app.matched, (offset, sort) => getProjects(filters, signal, { limit: PAGE_ROWS, offset, sortby: sort ?? sortby() })
    .then((fc) => fc.features ?? []));
  $('#list-count').textContent = `（${count(app.matched)}）`;
  $('#tab-count').textContent = `（${count(app.matched)}）`;
  const notes = ['地图在小比例尺下按区域汇总显示（半透明圆圈为多个项目之和），放大后显示单个项目。'];
  if (app.matched > PAGE_ROWS) notes.push(`列表每次载入 ${count(PAGE_ROWS)} 个。`);
  if (stats?.counting === 'projects') {
    notes.push(`按项目计数：同一项目在多份清单中出现只计一次（取最新清单的数字），清单条目共 ${count(stats.entries?.count ?? 0)} 条。`);
  }
  renderTotals(stats?.total ? stats : { total: { count: app.matched, total_investment: null }, groups: [] }, {
    countEl: $('#total-count'), investmentEl: $('#total-investment'),
    chartEl: $('#category-chart'), noteEl: $('#totals-note'), note: notes.join(''),
  });
  const present = new Set((stats?.groups ?? []).map((g) => g.key || '（未分类）'));
  app.legend.setCategories(knownCategories().filter((c) => present.has(c)), { tiles: true });
  return drawn;
}

/** Draw map, list and totals; resolves when the map has drawn every project. */
function render(collection, stats) {
  const features = app.features;
  registerCategories(features.map((f) => f.properties.category ?? ''));
  app.projectTiles.clear();
  const drawn = app.projects.render(features);
  app.list.render(features);
  $('#list-count').textContent = `（${count(features.length)}）`;
  $('#tab-count').textContent = `（${count(features.length)}）`;
  const notes = [];
  const matched = collection.numberMatched;
  if (matched != null && matched > features.length) {
    notes.push(`地图和列表只显示总投资最高的前 ${count(features.length)} 个（共 ${count(matched)} 个，统计含全部）；可用筛选缩小范围。`);
  }
  const unmapped = features.filter((f) => !f.geometry).length;
  if (unmapped) notes.push(`其中 ${count(unmapped)} 个没有地图位置（全省、地级市层面或未定位），只列出、不上图。`);
  if (stats?.counting === 'projects') {
    // The API states its counting; the panel says it in words, with the list entries beside.
    notes.push(`按项目计数：同一项目在多份清单中出现只计一次（取最新清单的数字），清单条目共 ${count(stats.entries?.count ?? 0)} 条。`);
  }
  renderTotals(stats?.total ? stats : statsFromFeatures(features), {
    countEl: $('#total-count'), investmentEl: $('#total-investment'),
    chartEl: $('#category-chart'), noteEl: $('#totals-note'), note: notes.join(''),
  });
  const present = new Set(features.map((f) => f.properties.category || '（未分类）'));
  app.legend.setCategories(knownCategories().filter((c) => present.has(c)));
  return drawn;
}

/** A list row was clicked: fly to the project and open its popup. */
function pickProject(id, { keyboard = false } = {}) {
  app.tabs.show('map'); // on a narrow screen the list lies over the map: show the map with the popup
  // From the keyboard, focus moves into the popup when it opens, and back to the row when it closes.
  app.keyboardPick = keyboard ? id : null;
  app.list.highlight(id);
  const feature = app.list.feature(id) ?? app.features.find((f) => projectId(f) === id);
  if (app.mode === 'tiles' ? app.projectTiles.focus(feature) : app.projects.focus(id)) return;
  if (!feature) return;
  // Province- or city-level programme: show its popup over its city (or the province).
  const city = app.regions.cities.find((c) => c.properties.code === feature.properties.city_codes?.[0]);
  const at = city ? labelPoint(city) : app.map.getCenter();
  const open = () => L.popup({ maxWidth: 380, maxHeight: 460, className: 'atlas-popup' })
    .setLatLng(at).setContent(projectPopup(feature)).openOn(app.map);
  if (city) {
    // Open once the flight has ended, so the popup can pan itself fully into view.
    app.map.once('moveend', open);
    app.map.flyToBounds(L.geoJSON(city).getBounds(), { duration: 0.8 });
  } else {
    open();
  }
}

// ---------------------------------------------------------------- filters and regions

/** The feature of the chosen region (county, else city, else plan area), or null. */
function regionFeature(filters) {
  const { cities, counties, areas } = app.regions;
  if (filters.county) return counties.find((f) => f.properties.code === filters.county) ?? null;
  if (filters.city) return cities.find((f) => f.properties.code === filters.city) ?? null;
  if (filters.area) return areas.find((f) => f.properties.id === filters.area) ?? null;
  return null;
}

/** Outline the chosen region; optionally fit the map to it (or, with none chosen, to the province). */
function showRegion(filters, { fit, toProvince = fit }) {
  app.selection?.remove();
  app.selection = null;
  const feature = regionFeature(filters);
  if (!feature?.geometry) {
    if (toProvince) app.map.flyToBounds(ZHEJIANG_BOUNDS, { duration: 0.8 });
    return;
  }
  app.selection = selectionLayer(feature).addTo(app.map);
  if (fit) app.map.flyToBounds(app.selection.getBounds(), { padding: [20, 20], duration: 0.8 });
}

function filtersChanged(filters, { typing }) {
  const regionKey = (f) => `${f.city ?? ''}|${f.county ?? ''}|${f.area ?? ''}`;
  const moved = regionKey(filters) !== app.lastRegion;
  app.lastRegion = regionKey(filters);
  if (moved) showRegion(filters, { fit: true });
  // A typing session makes one history step: its first keystroke pushes, the rest replace.
  remember({ push: !(typing && app.wasTyping) });
  app.wasTyping = typing;
  loadProjects();
}

/** From a popup or the place search: filter to a county, city or plan area. */
function pickRegion(kind, code) {
  const filters = app.filters.read();
  delete filters.city; delete filters.county; delete filters.area;
  filters[kind] = code;
  app.map.closePopup();
  app.filters.write(filters);
  filtersChanged(app.filters.read(), { typing: false });
}

// ---------------------------------------------------------------- layers

function overlayLabel({ label, colour }) {
  return `<i class="swatch" style="background:${colour}"></i>${esc(label)}`;
}

function buildLayerControl() {
  const overlays = {};
  for (const o of AREA_OVERLAYS) overlays[overlayLabel(o)] = app.layers.get(o.key);
  overlays[overlayLabel(PROJECT_OVERLAY)] = app.layers.get('projects');
  const bases = {};
  if (app.tiles) {
    bases['本地边界（无底图）'] = app.noTiles;
    bases['在线底图'] = app.tiles;
  }
  L.control.layers(bases, overlays, { collapsed: window.innerWidth < 1200, position: 'topright' }).addTo(app.map);
  app.map.on('overlayadd overlayremove baselayerchange', () => remember({ push: true }));
  app.map.on('baselayerchange', landFill);
}

/** With tiles on, make our land fill see-through. */
function landFill() {
  const on = app.tiles && app.map.hasLayer(app.tiles);
  app.boundaries?.countyLayer.setStyle({ fillOpacity: on ? 0.1 : 1 });
}

function showLayers(keys) {
  const wanted = new Set(keys ?? DEFAULT_LAYERS);
  for (const [key, layer] of app.layers) {
    if (wanted.has(key) && !app.map.hasLayer(layer)) layer.addTo(app.map);
    if (!wanted.has(key) && app.map.hasLayer(layer)) app.map.removeLayer(layer);
  }
  if (app.tiles) {
    const [on, off] = wanted.has('tiles') ? [app.tiles, app.noTiles] : [app.noTiles, app.tiles];
    off.remove();
    on.addTo(app.map);
    landFill();
  }
}

// ---------------------------------------------------------------- state

/** Restore a state (first load or back/forward). */
function applyState(state, { first }) {
  app.applying = true;
  try {
    app.filters.write(state.filters);
    app.lastRegion = `${state.filters.city ?? ''}|${state.filters.county ?? ''}|${state.filters.area ?? ''}`;
    showLayers(state.layers);
    if (state.sort) app.list.setSort(state.sort);
    if (state.legend) app.legend.setOpen(state.legend === 'open');
    if (state.view) app.map.setView([state.view.lat, state.view.lng], state.view.zoom, { animate: !first });
    // On the first load without a view the map already shows the province (createMap): a flight to
    // it would only make the tiles of the levels it passes through be fetched.
    showRegion(state.filters, { fit: first && !state.view, toProvince: false });
  } finally {
    app.applying = false;
  }
  app.wasTyping = false;
  // Back/forward over a layer or view change needs no new data.
  const key = JSON.stringify(app.filters.read());
  if (!first && key === app.loadedKey) return Promise.resolve();
  return loadProjects();
}

// ---------------------------------------------------------------- start

/** Category and source lists: /api/facets, else /api/stats; categories ordered by money. */
async function loadVocabularies() {
  const [facets, categories] = await Promise.all([
    getFacets().catch(() => null),
    getStats('category').catch(() => null),
  ]);
  const byMoney = (s) => (s?.groups ?? [])
    .sort((a, b) => (b.total_investment ?? 0) - (a.total_investment ?? 0))
    .map((g) => g.key ?? g.name);
  const categoryNames = facets?.category?.length ? facets.category : byMoney(categories);
  registerCategories(byMoney(categories));
  registerCategories(categoryNames);
  app.filters.setCategories(categoryNames);
  const bySource = facets?.source ? null : await getStats('source').catch(() => null);
  const sources = facets?.source ?? (bySource?.groups ?? []).map((g) => g.key);
  const titles = facets?.source_title ?? (bySource?.groups ?? []).map((g) => g.name);
  app.filters.setSources(sources, titles);
  setSourceTitles(sources, titles);
  return { categories: categoryNames, sources };
}

/** Fill select lists that the stats endpoint could not provide from the projects themselves. */
function fillFromFeatures(vocab) {
  const uniq = (key) => [...new Set(app.features.map((f) => f.properties[key]).filter(Boolean))].sort();
  if (!vocab.categories.length) app.filters.setCategories(uniq('category'));
  if (!vocab.sources.length) {
    const sources = uniq('source');
    const titleOf = new Map(app.features.map((f) => [f.properties.source, f.properties.source_title]));
    app.filters.setSources(sources, sources.map((n) => titleOf.get(n)));
  }
  app.filters.write(readState().filters);
}


async function start() {
  const initial = readState();
  prefetchProjects(initial.filters);
  app.map = createMap('map');
  app.tabs = createTabs($('#tabs'), { onShow: () => app.map.invalidateSize() });
  app.legend = createLegend(app.map, { onToggle: () => remember({ push: false }) });
  // Popups keep clear of the controls and fit the map; the legend folds away for them.
  fitPopups(app.map, { beforeFit: () => app.legend.collapse() });
  app.map.on('popupopen', ({ popup }) => {
    // Esc closes a popup also when focus is inside it (Leaflet listens only while the map has focus).
    const element = popup.getElement();
    if (element && !element.dataset.escape) {
      element.dataset.escape = 'true';
      element.addEventListener('keydown', (e) => { if (e.key === 'Escape') app.map.closePopup(popup); });
    }
    const content = element?.querySelector('.project-popup');
    if (app.keyboardPick && content?.dataset.id === app.keyboardPick) content.querySelector('h3')?.focus();
  });
  app.map.on('popupclose', ({ popup }) => {
    const id = popup.getElement()?.querySelector('.project-popup')?.dataset.id;
    if (!app.keyboardPick || id !== app.keyboardPick) return;
    app.keyboardPick = null;
    if (!popup.getElement().contains(document.activeElement) && document.activeElement !== document.body) return;
    if (app.tabs.narrow()) app.tabs.show('list');
    document.querySelector(`#project-list .project-row[data-id="${CSS.escape(id)}"]`)?.focus();
  });
  app.list = createList($('#project-list'), [...document.querySelectorAll('.list-columns .sort')], {
    onPick: pickProject,
    onSort: (sort) => { app.list.setSort(sort); remember({ push: true }); },
  });
  app.projects = createProjectLayer(app.map, (id) => app.list.highlight(id));
  app.projectTiles = createProjectTiles(app.map, { onSelect: (id) => app.list.highlight(id) });
  // With many projects the tiles need not wait for the boundaries and select lists: the first totals
  // say so, and the view and the filters are those of the URL.
  if (initial.view) app.map.setView([initial.view.lat, initial.view.lng], initial.view.zoom, { animate: false });
  if (TILES && app.prefetch && (!initial.layers || initial.layers.includes('projects'))) {
    app.projectTiles.layer.addTo(app.map);
    app.projectTiles.show(initial.filters);
  }
  app.filters = createFilters($('#filters'), { onChange: filtersChanged, onWrite: () => app.yearSlider?.sync() });
  app.yearSlider = createYearSlider($('#year-slider'), $('.year-scale .year-label'), $('#filter-year-from'), $('#filter-year-to'));
  app.filters.setPrecisions();

  const [config, boundaries, areas, vocab] = await Promise.all([
    getConfig(),
    loadBoundaries(app.map, pickRegion).catch((e) => { setStatus(`边界加载失败：${describeError(e)}`); return null; }),
    loadAreas((id) => pickRegion('area', id)),
    loadVocabularies(),
  ]);
  app.boundaries = boundaries;
  app.regions = { cities: boundaries?.cities ?? [], counties: boundaries?.counties ?? [], areas: areas.areas };
  app.filters.setRegions(app.regions.cities, app.regions.counties, areas.areas);
  setCityNames(app.regions.cities);
  setDivisionNames([...app.regions.cities, ...app.regions.counties]);
  // Drawing order: areas (bottom first), then projects.
  for (const o of AREA_OVERLAYS) app.layers.set(o.key, areas.overlays.get(o.key));
  app.layers.set('projects', L.layerGroup([app.projects.layer, app.projectTiles.layer]));
  app.tiles = tileLayer(config);
  buildLayerControl();

  await applyState(initial, { first: true });
  fillFromFeatures(vocab);
  remember({ push: false });
  app.map.on('moveend', () => remember({ push: false }));
  onHistory((state) => applyState(state, { first: false }));
  wireButtons();
}

function wireButtons() {
  setupPlaceSearch($('#place-search'), $('#place-results'), pickRegion);
  $('#reset-button').addEventListener('click', () => {
    app.filters.write({});
    filtersChanged({}, { typing: false });
  });
  $('#copy-link-button').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setStatus('链接已复制，可粘贴分享');
    } catch {
      setStatus('无法自动复制，请复制浏览器地址栏中的链接');
    }
    setTimeout(() => setStatus(''), 4000);
  });
  app.exportPanel = setupExport({
    button: $('#export-button'),
    status: $('#export-status'),
    summary: $('#export-summary'),
    describe: () => app.filters.describe(),
    regionName: () => app.filters.regionName(),
    formatInputs: [...document.querySelectorAll('#export input[name=format]')],
    viewOnly: $('#export-view-only'),
    map: app.map,
    getFilters: () => app.filters.read(),
  });
}

window.atlas = app; // for debugging and headless tests
start().catch((e) => {
  console.error(e);
  setStatus(`启动失败：${describeError(e)}`);
  document.body.dataset.error = e.message;
});
