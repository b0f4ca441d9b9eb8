// The base map: our own city and county boundaries with labels, so the map reads without tiles;
// an optional tile layer when /api/config provides one.

import { getItems } from './api.js';
import { labelPoint } from './geo.js';
import { esc } from './format.js';

/** Zhejiang: lon 118–123.2, lat 27–31.3. */
export const ZHEJIANG_BOUNDS = [[27.0, 118.0], [31.3, 123.2]];
const CITY_LABEL_MAX_ZOOM = 8;   // city names up to this zoom, county names above it
const DETAIL_ZOOM = 10;          // fetch finer county outlines from this zoom on

/** Create the Leaflet map with our panes (drawing order) and scale bar. */
export function createMap(element) {
  const map = L.map(element, {
    zoomSnap: 0.25,
    minZoom: 6,
    maxZoom: 16,
    attributionControl: true,
    zoomControl: true,
  });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
  const panes = [['tiles', 150], ['land', 200], ['areas', 380], ['areaLines', 390],
    ['borders', 395], ['labels', 450], ['projects', 460]];
  for (const [name, z] of panes) {
    map.createPane(name).style.zIndex = z;
  }
  map.getPane('labels').style.pointerEvents = 'none';
  map.getPane('borders').style.pointerEvents = 'none';
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
  map.fitBounds(ZHEJIANG_BOUNDS);
  return map;
}

const countyStyle = { pane: 'land', color: '#a7a39a', weight: 0.7, fillColor: '#f7f4ec', fillOpacity: 1 };
const cityStyle = { pane: 'borders', color: '#5b5750', weight: 1.6, fill: false, interactive: false };
const provinceStyle = { pane: 'borders', color: '#3a3733', weight: 2.6, fill: false, interactive: false };

/**
 * Load cities and counties and draw them. Returns {cities, counties, countyLayer, cityLayer}
 * where cities/counties are the feature arrays (for the region filter).
 * onPick(level, code) is called from a county popup's "筛选此区县" button.
 */
export async function loadBoundaries(map, onPick) {
  const [cities, counties, province] = await Promise.all([
    getItems('cities', { zoom: 8 }),
    getItems('counties', { zoom: 8 }),
    getItems('province', { zoom: 8 }).catch(() => null),
  ]);
  const countyLayer = L.geoJSON(counties, {
    style: () => countyStyle,
    onEachFeature: (f, layer) => layer.bindPopup(() => regionPopup(f, onPick), { maxWidth: 260 }),
  }).addTo(map);
  const cityLayer = L.geoJSON(cities, { style: () => cityStyle }).addTo(map);
  if (province) L.geoJSON(province, { style: () => provinceStyle }).addTo(map);
  addLabels(map, cities.features, counties.features);
  setAttribution(map, counties.features[0] ?? cities.features[0]);
  watchDetail(map, countyLayer);
  return { cities: cities.features, counties: counties.features, countyLayer, cityLayer };
}

function regionPopup(feature, onPick) {
  const p = feature.properties;
  const div = document.createElement('div');
  div.className = 'region-popup';
  div.innerHTML = `<h3>${esc(p.name)}</h3><p class="muted">行政区划代码 ${esc(p.code)}</p>
    <button type="button" class="pick">筛选此区县的项目</button>`;
  div.querySelector('.pick').addEventListener('click', () => onPick('county', p.code));
  return div;
}

/** City names at small zooms, county names at larger ones. */
function addLabels(map, cities, counties) {
  const make = (features, cls) => L.layerGroup(features.map((f) => {
    const at = labelPoint(f);
    return at && L.marker(at, {
      pane: 'labels',
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: `map-label ${cls}`, html: esc(f.properties.name), iconSize: null }),
    });
  }).filter(Boolean));
  const cityLabels = make(cities, 'city-label');
  const countyLabels = make(counties, 'county-label');
  const update = () => {
    const showCities = map.getZoom() <= CITY_LABEL_MAX_ZOOM;
    toggle(map, cityLabels, showCities);
    toggle(map, countyLabels, !showCities);
  };
  map.on('zoomend', update);
  update();
}

function toggle(map, layer, on) {
  if (on && !map.hasLayer(layer)) layer.addTo(map);
  if (!on && map.hasLayer(layer)) map.removeLayer(layer);
}

/** '边界：天地图 2024' from the boundary properties. */
function setAttribution(map, feature) {
  const p = feature?.properties ?? {};
  const source = p.boundary_source || '天地图';
  const vintage = p.boundary_vintage && !source.includes(p.boundary_vintage) ? ` ${p.boundary_vintage}` : '';
  map.attributionControl.addAttribution(`边界：${esc(source)}${esc(vintage)}`);
}

/** Replace county outlines with finer ones the first time the user zooms in. */
function watchDetail(map, countyLayer) {
  let loaded = false;
  map.on('zoomend', async () => {
    if (loaded || map.getZoom() < DETAIL_ZOOM) return;
    loaded = true;
    try {
      const fine = await getItems('counties', { zoom: 12 });
      const byCode = new Map(fine.features.map((f) => [f.properties.code, f]));
      countyLayer.eachLayer((layer) => {
        const f = byCode.get(layer.feature.properties.code);
        if (f?.geometry) layer.setLatLngs(L.GeoJSON.coordsToLatLngs(f.geometry.coordinates,
          f.geometry.type === 'Polygon' ? 1 : 2));
      });
    } catch (e) {
      console.warn('finer county outlines unavailable', e);
    }
  });
}

/** Optional tile layer (off by default): returns the layer or null. */
export function tileLayer(config) {
  if (!config?.tile_url) return null;
  return L.tileLayer(config.tile_url, {
    pane: 'tiles',
    attribution: config.tile_attribution || '底图',
    maxZoom: 18,
    subdomains: config.tile_subdomains || 'abc',
  });
}
