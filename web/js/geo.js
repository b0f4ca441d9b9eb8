// Small geometry helpers for GeoJSON (lon/lat) that Leaflet does not provide.

/** Outer rings of a Polygon / MultiPolygon, as arrays of [lon, lat]. */
function outerRings(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates[0]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((p) => p[0]);
  return [];
}

function ringArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j][0] * ring[i][1]) - (ring[i][0] * ring[j][1]);
  }
  return a / 2;
}

function ringCentroid(ring) {
  let x = 0, y = 0, a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = (ring[j][0] * ring[i][1]) - (ring[i][0] * ring[j][1]);
    x += (ring[j][0] + ring[i][0]) * f;
    y += (ring[j][1] + ring[i][1]) * f;
    a += f;
  }
  return a ? [x / (3 * a), y / (3 * a)] : ring[0];
}

function insideRing(point, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > point[1]) !== (yj > point[1])
        && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Middle of the widest inside stretch of a horizontal line through the ring at `lat`. */
function midOfWidestCrossing(ring, lat) {
  const xs = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat)) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
  }
  xs.sort((a, b) => a - b);
  let best = null;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (!best || xs[k + 1] - xs[k] > best[1] - best[0]) best = [xs[k], xs[k + 1]];
  }
  return best ? [(best[0] + best[1]) / 2, lat] : null;
}

/**
 * A point inside the largest part of a polygon for placing its label, as [lat, lng].
 * Uses the server's `label_point` [lon, lat] when given.
 */
export function labelPoint(feature) {
  const given = feature.properties?.label_point;
  if (Array.isArray(given) && given.length === 2) return [given[1], given[0]];
  const rings = outerRings(feature.geometry);
  if (!rings.length) return null;
  const ring = rings.reduce((a, b) => (Math.abs(ringArea(b)) > Math.abs(ringArea(a)) ? b : a));
  const c = ringCentroid(ring);
  const p = insideRing(c, ring) ? c : (midOfWidestCrossing(ring, c[1]) ?? ring[0]);
  return [p[1], p[0]];
}

/** Middle vertex of a line (for opening a popup on a route), as [lat, lng]. */
export function lineMiddle(coordinates) {
  const c = coordinates[Math.floor(coordinates.length / 2)];
  return [c[1], c[0]];
}
