// The 项目 overlay: drawn from our vector tiles (/tiles/projects/{z}/{x}/{y}.mvt)
// with the current filters, by protomaps-leaflet (canvas, no WebGL). Up to zoom 10 the server sends
// aggregated cells (count and summed investment); beyond it, one feature per project. Each tile is
// drawn one level up (levelDiff 1): four display tiles share one data tile. A click on a
// single project fetches that project for its popup; a click on a cell of several zooms in.

import { apiFilters, getProject } from './api.js';
import { categoryColour, count, esc, yi } from './format.js';
import { projectPopup } from './popup.js';
import { lineMiddle } from './geo.js';

const MIXED_COLOUR = '#6b6b6b';   // a cell whose projects are of several categories
const MAX_RADIUS = 14;            // px; the server's point buffer (TileSql) keeps circles whole across tile edges
const BRUSH = 10;                 // px around the pointer in which a click finds a feature
const FOCUS_ZOOM = 12;           // the first zoom drawn from single projects (data level 11)

/**
 * Circle radius: a single project's area grows with its money (as the clustered map's markers); a
 * cell of several (cells lie 2 px apart) grows with the log of its count, so dense areas read as a
 * shade of their category rather than a heap of rings.
 */
export function tileRadius(props) {
  const n = props.count ?? 1;
  if (n > 1) return Math.min(10, 2 + Math.log2(n));
  return Math.min(MAX_RADIUS, 4 + 0.8 * Math.sqrt(Math.max(0, props.total_investment ?? 0)));
}

const isCounty = (p) => p.precision === 'county' || p.precision === 'counties';
const colourOf = (p) => (p.category ? categoryColour(p.category) : MIXED_COLOUR);

/** The tile URL for these filters (bbox narrows only lists and exports, never the drawn tiles). */
export function tileUrl(filters) {
  const params = apiFilters(filters);
  delete params.bbox;
  const qs = new URLSearchParams(params).toString();
  return `${window.location.origin}/tiles/projects/{z}/{x}/{y}.mvt${qs ? `?${qs}` : ''}`;
}

function paintRules(P) {
  const points = (z, f) => f.geomType === 1;
  const lines = (z, f) => f.geomType === 2;
  return [
    {
      dataLayer: 'projects',
      filter: lines,
      symbolizer: new P.LineSymbolizer({ color: (z, f) => colourOf(f.props), width: (z) => (z >= 11 ? 4 : 3), opacity: 0.85, lineCap: 'round' }),
    },
    {
      dataLayer: 'projects',
      filter: points,
      symbolizer: new P.CircleSymbolizer({
        radius: (z, f) => tileRadius(f.props),
        fill: (z, f) => colourOf(f.props),
        // several projects: see-through, no ring; one placed only to its county: pale; one at a site: white ring
        opacity: (z, f) => ((f.props.count ?? 1) > 1 ? 0.45 : isCounty(f.props) ? 0.45 : 0.85),
        stroke: (z, f) => (isCounty(f.props) ? colourOf(f.props) : '#fff'),
        width: (z, f) => ((f.props.count ?? 1) > 1 ? 0 : 1),
      }),
    },
  ];
}

/** Squared pixel distance from the pointer to a queried feature (points: centre; lines: 0). */
function nearest(found) {
  return found.sort((a, b) => (a.feature.geomType - b.feature.geomType) || ((b.feature.props.count ?? 1) - (a.feature.props.count ?? 1)))[0];
}

/** The overlay. onSelect(id) is called when a single project is clicked. */
export function createProjectTiles(map, { onSelect }) {
  const P = window.protomapsL;
  const group = L.layerGroup();
  const highlight = L.featureGroup();
  let layer = null;
  let url = null;
  let loaded = Promise.resolve();

  function build(nextUrl) {
    const made = P.leafletLayer({
      url: nextUrl, pane: 'projects', paintRules: paintRules(P), labelRules: [],
      // levelDiff 1: a display tile is a quarter of the data tile one level up (fewer requests, cells
      // 4 px apart on screen, a quarter of the circles to draw at a million projects).
      maxDataZoom: 16, levelDiff: 1, attribution: '', tileDelay: 1,
      // No tiles for the levels a zoom animation passes through: each would be fetched and drawn on the
      // page's one thread while the animation runs.
      updateWhenZooming: false,
    });
    made.url = nextUrl;
    // After a flight the map's zoom can end a hair under a half level (7.4999997 for 7.5): Leaflet would
    // round it to the lower tile level, and fetch every tile again at the upper one at the next exact 7.5.
    const setView = made._setView;
    made._setView = function stableView(center, zoom, ...rest) {
      return setView.call(this, center, Math.round(zoom * 1000) / 1000, ...rest);
    };
    // protomaps-leaflet leaves a tile undrawn (and Leaflet waiting for it) when a tile of another zoom
    // was asked for while its data came (a fly, a zoom during the first load). Once the map rests,
    // such tiles of the current zoom are drawn again and handed to Leaflet.
    const create = made.createTile;
    made.createTile = function createTile(coords, done) {
      const el = create.call(this, coords, (error, tile) => { if (!el.drawn) { el.drawn = true; done(error, tile); } });
      el.leafletDone = done;
      return el;
    };
    made.redrawSkipped = () => {
      for (const [key, t] of Object.entries(made._tiles ?? {})) {
        if (t.el.drawn || !t.current || t.coords.z !== made._tileZoom) continue;
        made.renderTile(made._wrapCoords(t.coords), t.el, key, () => {
          if (!t.el.drawn) { t.el.drawn = true; t.el.leafletDone(undefined, t.el); }
        });
      }
    };
    return made;
  }
  map.on('moveend', () => setTimeout(() => layer?.redrawSkipped(), 300));

  /** Resolves once every tile in view is drawn (or the layer is off the map). */
  function whenDrawn(target) {
    if (!map.hasLayer(group)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); resolve(); };
      const timer = setTimeout(done, 10000);
      setTimeout(() => target.redrawSkipped(), 1500);
      target.once('load', done);
    });
  }

  function featuresAt(latlng) {
    if (!layer || !map.hasLayer(group)) return [];
    const found = layer.queryTileFeaturesDebug(latlng.lng, latlng.lat, BRUSH);
    return [...found.values()].flat().filter((x) => x.layerName === 'projects');
  }

  async function openProject(id, at) {
    const popup = L.popup({ maxWidth: 380, maxHeight: 460, className: 'atlas-popup' })
      .setLatLng(at).setContent('<p class="loading">正在加载项目…</p>').openOn(map);
    try {
      const feature = await getProject(id);
      if (!map.hasLayer(popup)) return;
      popup.setContent(projectPopup(feature));
      select(feature);
    } catch (e) {
      popup.setContent(`<p>项目加载失败：${esc(e.message)}</p>`);
    }
  }

  // The tiles are a canvas under which the plan areas and boundaries keep taking clicks: a click on a
  // drawn project is caught on its way down (capture) and is the project's alone.
  map.getContainer().addEventListener('click', (event) => {
    if (map.dragging?.moved() || event.target.closest('.leaflet-control, .leaflet-popup')) return;
    const latlng = map.mouseEventToLatLng(event);
    const hit = nearest(featuresAt(latlng));
    if (!hit) return;
    event.stopPropagation();
    clicked(hit, latlng);
  }, true);

  function clicked(hit, at) {
    const e = { latlng: at };
    const p = hit.feature.props;
    if (p.id != null && (p.count ?? 1) === 1) {
      onSelect(String(p.id));
      openProject(String(p.id), e.latlng);
      return;
    }
    // A cell or merged lines of several projects: say what it holds and zoom in towards it.
    L.popup({ className: 'atlas-popup cell-popup' }).setLatLng(e.latlng)
      .setContent(`<p><b>${count(p.count)} 个项目</b>，总投资 ${yi(p.total_investment)} 亿元${p.category ? `<br>${esc(p.category)}` : '<br>多个类别'}</p>`
        + '<p class="muted">放大地图可看到单个项目</p>')
      .openOn(map);
    map.setView(e.latlng, Math.min(map.getMaxZoom(), Math.max(map.getZoom() + 2, 8)), { animate: true });
  }
  map.on('mousemove', (e) => {
    if (!layer || !map.hasLayer(group)) return;
    map.getContainer().classList.toggle('over-project', featuresAt(e.latlng).length > 0);
  });

  /** Outline the selected project above the tiles (its geometry from the API answer). */
  function select(feature) {
    highlight.clearLayers();
    if (!feature?.geometry) return;
    L.geoJSON(feature.geometry, {
      pane: 'projects',
      interactive: false,
      style: { color: '#111', weight: 7, opacity: 0.9, fill: false },
      pointToLayer: (f, at) => L.circleMarker(at, { pane: 'projects', radius: 9, color: '#111', weight: 3, fill: false, interactive: false }),
    }).addTo(highlight);
  }

  return {
    layer: group,
    get tiles() { return layer; },
    /** Draw with these filters; resolves once the tiles in view are drawn. */
    show(filters) {
      const next = tileUrl(filters);
      if (next === url && layer) return loaded;
      url = next;
      const old = layer;
      layer = build(next);
      group.addLayer(layer);
      group.addLayer(highlight);
      loaded = whenDrawn(layer).then(() => { if (old && old !== layer) group.removeLayer(old); });
      if (!map.hasLayer(group) && old) group.removeLayer(old);
      return loaded;
    },
    /** Forget the tiles (the small-data path draws instead). */
    clear() {
      if (layer) group.removeLayer(layer);
      layer = null;
      url = null;
      highlight.clearLayers();
    },
    get active() { return layer != null; },
    /** True while tiles in view are still being fetched or drawn. */
    get loading() { return Boolean(layer?.isLoading?.()); },
    /** Fly to a project from the list and open its popup there. False if it has no place on the map. */
    focus(feature) {
      if (!feature?.geometry) return false;
      select(feature);
      const shape = L.geoJSON(feature.geometry);
      const bounds = shape.getBounds();
      const line = /Line/.test(feature.geometry.type);
      const at = line
        ? (() => { const m = lineMiddle(shape.getLayers()[0].getLatLngs().flat(2).map((ll) => [ll.lng, ll.lat])); return L.latLng(m); })()
        : bounds.getCenter();
      const open = () => L.popup({ maxWidth: 380, maxHeight: 460, className: 'atlas-popup' })
        .setLatLng(at).setContent(projectPopup(feature)).openOn(map);
      map.once('moveend', () => setTimeout(open, 50));
      if (line) map.flyToBounds(bounds, { maxZoom: FOCUS_ZOOM, padding: [40, 40], duration: 0.8 });
      else map.flyTo(at, Math.max(map.getZoom(), FOCUS_ZOOM), { duration: 0.8 });
      return true;
    },
    select,
  };
}
