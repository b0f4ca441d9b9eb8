// The 项目 overlay: points clustered at small zooms, routes as lines; colour by category,
// circle radius by total investment. Projects without geometry are listed but not drawn.

import { categoryColour, yi } from './format.js';
import { projectPopup } from './popup.js';
import { lineMiddle } from './geo.js';

const DETAIL_ZOOM = 10;   // from here on only (nearly) coincident points stay clustered
const FOCUS_ZOOM = 11;    // zoom used when flying to a project from the list

/** Circle radius in pixels for a total investment in 亿元 (area grows with the money). */
export function radiusFor(investment) {
  if (investment == null || investment <= 0) return 4;
  return Math.min(24, 4 + 1.2 * Math.sqrt(investment));
}

/** Placed only to its county (or counties): drawn at the county's representative point, not a site. */
export function atCountyPoint(p) {
  return p.precision === 'county' || p.precision === 'counties';
}

/** Site-level points are solid; county-level ones a pale disc with a dashed ring in the category colour. */
function pointStyle(p, selected) {
  const county = atCountyPoint(p);
  return {
    pane: 'projects',
    radius: radiusFor(p.total_investment),
    color: selected ? '#111' : county ? categoryColour(p.category) : '#fff',
    weight: selected ? 3 : county ? 2 : 1,
    dashArray: county && !selected ? '4 3' : null,
    fillColor: categoryColour(p.category),
    fillOpacity: county ? 0.4 : 0.85,
  };
}

function lineStyle(p, selected) {
  return {
    pane: 'projects',
    color: categoryColour(p.category),
    weight: selected ? 7 : 4,
    opacity: selected ? 1 : 0.8,
    lineCap: 'round',
  };
}

/** Leaflet lat/lng lists for a GeoJSON geometry: {points: [[lat,lng]], lines: [[[lat,lng]]]} */
function parts(geometry) {
  const out = { points: [], lines: [] };
  const pt = (c) => [c[1], c[0]];
  const add = (g) => {
    if (!g) return;
    switch (g.type) {
      case 'Point': out.points.push(pt(g.coordinates)); break;
      case 'MultiPoint': g.coordinates.forEach((c) => out.points.push(pt(c))); break;
      case 'LineString': out.lines.push(g.coordinates.map(pt)); break;
      case 'MultiLineString': g.coordinates.forEach((l) => out.lines.push(l.map(pt))); break;
      case 'GeometryCollection': g.geometries.forEach(add); break;
      default: break;
    }
  };
  add(geometry);
  return out;
}

export function projectId(feature) {
  return String(feature.id ?? feature.properties.id);
}

/** Run fn once when the current map move ends (or after 1.5 s if no move happens). */
function afterMove(map, fn) {
  let done = false;
  const run = () => { if (!done) { done = true; map.off('moveend', run); setTimeout(fn, 300); } };
  map.on('moveend', run);
  setTimeout(run, 1500);
}

/**
 * Open a marker's popup; if it sits in a cluster (coincident points), spread the cluster first.
 * (markercluster's zoomToShowLayer only knows icon markers, not circle markers.)
 */
function reveal(cluster, marker) {
  if (cluster._inZoomAnimation) { cluster.once('animationend', () => reveal(cluster, marker)); return; }
  if (marker._map) { marker.openPopup(); return; }
  let parent = marker.__parent;
  while (parent && !parent._icon) parent = parent.__parent;
  if (!parent) return;
  cluster.once('spiderfied', () => marker.openPopup());
  parent.spiderfy();
}

/** A div icon with a name for screen readers (Leaflet makes marker icons focusable buttons). */
const NamedIcon = L.DivIcon.extend({
  createIcon(old) {
    const el = L.DivIcon.prototype.createIcon.call(this, old);
    el.setAttribute('aria-label', this.options.label);
    return el;
  },
});

/** Cluster bubble: project count inside, count and total investment on hover and for screen readers. */
function clusterIcon(cluster) {
  const projects = new Set(cluster.getAllChildMarkers().map((m) => m.project));
  let total = 0;
  projects.forEach((f) => { total += f.properties.total_investment ?? 0; });
  const n = projects.size;
  const size = n < 10 ? 'small' : n < 50 ? 'medium' : 'large';
  const label = `${n} 个项目，总投资 ${yi(total)} 亿元`;
  return new NamedIcon({
    label: `${label}，按回车展开`,
    html: `<div><span title="${label}">${n}</span></div>`,
    className: `marker-cluster marker-cluster-${size}`,
    iconSize: L.point(40, 40),
  });
}

/**
 * Up to this many projects, clusters split and merge with animation and spread out from zoom 10.
 * Beyond it (thousands of projects) they do not animate and stay wider up to zoom 12: thousands of
 * cluster bubbles and SVG markers in view make every pan and zoom step stall (measured in bench/map).
 */
const FEW = 2000;
const MANY_DETAIL_ZOOM = 12;
const SLICE = 250;      // projects drawn per markercluster addLayers call
const SLICE_MS = 50;    // work per slice of time before the browser gets a turn

function clusterRadius(many) {
  if (many) return (zoom) => (zoom >= MANY_DETAIL_ZOOM ? 12 : 80);
  return (zoom) => (zoom >= DETAIL_ZOOM ? 12 : 40);
}

/** Create the project overlay. onSelect(id) is called when a feature is clicked. */
export function createProjectLayer(map, onSelect) {
  let drawing = false;  // markers still being added, slice by slice
  let generation = 0;   // bumped by every render(); a slice of an older one stops there
  let focusLater = null; // a project asked for (list click) before its slice was drawn
  let current = [];      // the features of the last render
  const makeCluster = (many) => {
    const made = L.markerClusterGroup({
      // Many projects share their county's representative point: those stay clustered at every
      // zoom and spread out (spiderfy) on click, so none hides another.
      maxClusterRadius: clusterRadius(many),
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      animate: !many,
      clusterPane: 'projects',
      iconCreateFunction: clusterIcon,
    });
    made.many = many;
    return made;
  };
  let cluster = makeCluster(false);
  const lines = L.featureGroup();
  const group = L.layerGroup([lines, cluster]);
  const index = new Map(); // id -> {feature, markers: [], lines: []}
  let selected = null;

  /** An empty cluster group for n projects (see FEW). */
  function emptyCluster(n) {
    const many = n > FEW;
    if (cluster.many === many) {
      cluster.clearLayers();
      return;
    }
    group.removeLayer(cluster);
    cluster = makeCluster(many);
    group.addLayer(cluster);
  }

  /**
   * Draw projects and cluster their markers in slices of about SLICE_MS, so the page keeps
   * answering while thousands are drawn (markercluster's own chunkedLoading cannot be stopped when
   * the next render comes, and its chunks of 200 ms were long tasks). Resolves when all are drawn
   * or a newer render took over.
   */
  function drawInSlices(features) {
    const mine = ++generation;
    drawing = true;
    focusLater = null;
    return new Promise((resolve) => {
      let i = 0;
      const step = () => {
        if (mine !== generation) { resolve(); return; }
        const started = performance.now();
        while (i < features.length && performance.now() - started < SLICE_MS) {
          cluster.addLayers(features.slice(i, i + SLICE).flatMap(draw));
          i += SLICE;
        }
        if (i < features.length) { setTimeout(step, 0); return; }
        drawing = false;
        const later = focusLater;
        focusLater = null;
        if (later) api.focus(later);
        resolve();
      };
      step();
    });
  }

  function draw(feature) {
    const id = projectId(feature);
    const p = feature.properties;
    const entry = { feature, markers: [], lines: [] };
    const { points, lines: paths } = parts(feature.geometry);
    for (const path of paths) {
      const line = L.polyline(path, lineStyle(p, false));
      entry.lines.push(line);
      lines.addLayer(line);
    }
    for (const at of points) {
      const marker = L.circleMarker(at, pointStyle(p, false));
      marker.project = feature;
      entry.markers.push(marker);
    }
    for (const layer of [...entry.markers, ...entry.lines]) {
      layer.bindPopup(() => projectPopup(feature), { maxWidth: 380, maxHeight: 460, className: 'atlas-popup' });
      layer.on('click', () => { setSelected(id); onSelect(id); });
    }
    index.set(id, entry);
    return entry.markers;
  }

  function setSelected(id) {
    if (selected) restyle(selected, false);
    selected = index.get(id) ?? null;
    if (selected) restyle(selected, true);
  }

  function restyle(entry, on) {
    const p = entry.feature.properties;
    entry.markers.forEach((m) => m.setStyle(pointStyle(p, on)));
    entry.lines.forEach((l) => { l.setStyle(lineStyle(p, on)); if (on) l.bringToFront(); });
  }

  const api = {
    layer: group,
    get cluster() { return cluster; },
    /** True while markers are still being added (slice by slice, after render returned). */
    get drawing() { return drawing; },
    /**
     * Replace the drawn projects with these features. The promise resolves once every marker is
     * clustered and shown (thousands are added in slices, after this returns).
     */
    render(features) {
      emptyCluster(features.length);
      lines.clearLayers();
      index.clear();
      selected = null;
      current = features;
      return drawInSlices(features);
    },
    /** Highlight a project and open its popup, moving the map to it. False if not on the map. */
    focus(id) {
      const entry = index.get(id);
      if (!entry && drawing) { // not drawn yet: once it is, if it has a place on the map
        if (!current.find((f) => projectId(f) === id)?.geometry) return false;
        focusLater = id;
        return true;
      }
      if (!entry || (!entry.markers.length && !entry.lines.length)) return false;
      setSelected(id);
      if (!map.hasLayer(group)) group.addTo(map);
      if (entry.lines.length) {
        const bounds = L.featureGroup([...entry.lines, ...entry.markers]).getBounds();
        map.flyToBounds(bounds, { maxZoom: 11, padding: [40, 40], duration: 0.8 });
        const path = entry.lines[0];
        afterMove(map, () => path.openPopup(lineMiddle(path.getLatLngs().map((ll) => [ll.lng, ll.lat]))));
      } else {
        const marker = entry.markers[0];
        map.flyTo(marker.getLatLng(), Math.max(map.getZoom(), FOCUS_ZOOM), { duration: 0.8 });
        afterMove(map, () => reveal(cluster, marker));
      }
      return true;
    },
    select: setSelected,
    has: (id) => index.has(id),
  };
  return api;
}
