// Popups that stay inside the map: never wider or taller than the room the map has beside its controls
// (they scroll inside themselves instead), and panned so that their title and × are never under the
// header, the zoom buttons or the layer switch, also when a part inside them (定位依据, 位置有误) opens.

const GAP = 8;          // px between a popup and the map's edge or a control
const CHROME_X = 30;    // popup width beyond its content (margins, border)
const CHROME_Y = 60;    // popup height beyond its content (margins, the × row of a scrolling popup, tip)

function rectsOf(map, selector) {
  return [...map.getContainer().querySelectorAll(selector)]
    .map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
}

/** The room a popup may use: {left, top, right, bottom} paddings in px from the map's edges. */
function room(map, wantedWidth) {
  const m = map.getContainer().getBoundingClientRect();
  const topLeft = rectsOf(map, '.leaflet-top.leaflet-left .leaflet-control');
  const topRight = rectsOf(map, '.leaflet-top.leaflet-right .leaflet-control');
  const bottom = rectsOf(map, '.leaflet-bottom .leaflet-control');
  const left = Math.max(0, ...topLeft.map((r) => r.right - m.left)) + GAP;
  const right = Math.max(0, ...topRight.map((r) => m.right - r.left)) + GAP;
  const below = Math.max(0, ...[...topLeft, ...topRight].map((r) => r.bottom - m.top)) + GAP;
  const above = Math.max(0, ...bottom.map((r) => m.bottom - r.top)) + GAP;
  // Beside the top controls when the popup fits between them, else below them.
  if (m.width - left - right >= wantedWidth) return { left, top: GAP, right, bottom: above };
  return { left: GAP, top: below, right: GAP, bottom: above };
}

/** Size the popup to the room it has and pan it into view (its content stays as it is). */
function fit(map, popup) {
  if (!popup._map || !popup._contentNode) return;
  const size = map.getSize();
  const base = popup.atlasBase ?? (popup.atlasBase = { maxWidth: popup.options.maxWidth, maxHeight: popup.options.maxHeight });
  const wanted = Math.min(base.maxWidth ?? 300, size.x - 2 * GAP - CHROME_X) + CHROME_X;
  const r = room(map, wanted);
  popup.options.maxWidth = Math.max(120, Math.min(base.maxWidth ?? 300, size.x - r.left - r.right - CHROME_X));
  popup.options.minWidth = Math.min(popup.options.minWidth ?? 50, popup.options.maxWidth);
  popup.options.maxHeight = Math.max(120, Math.min(base.maxHeight ?? Infinity, size.y - r.top - r.bottom - CHROME_Y));
  popup.options.autoPanPaddingTopLeft = L.point(r.left, r.top);
  popup.options.autoPanPaddingBottomRight = L.point(r.right, r.bottom);
  // Leaflet's update() would rebuild the content (closing what the user opened): lay out, place and pan only.
  popup._updateLayout();
  popup._updatePosition();
  popup._adjustPan();
  // Panning stops at the map's bounds (an area near the province's edge): once the pan has ended, a
  // popup still reaching above its room is made shorter, so its title and × stay inside the map.
  setTimeout(() => shrinkIntoRoom(map, popup, r), 400);
}

function shrinkIntoRoom(map, popup, r) {
  const el = popup.getElement();
  if (!el || !popup._map || !popup._contentNode) return;
  const m = map.getContainer().getBoundingClientRect();
  const top = el.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect().top;
  const over = m.top + r.top - top;
  if (over <= 1) return;
  popup.options.maxHeight = Math.max(120, popup._contentNode.offsetHeight - over);
  popup._updateLayout();
  popup._updatePosition();
}

/** Fit every popup when it opens and whenever a part inside it opens or closes. beforeFit() runs first. */
export function fitPopups(map, { beforeFit = () => {} } = {}) {
  map.on('popupopen', ({ popup }) => {
    beforeFit();
    fit(map, popup);
    // A popup opened while the map still moves (a flight, a zoom) is panned from where that move ends:
    // fit once more when it ends (soon after opening only, never on a later move of the user's).
    const opened = performance.now();
    map.once('moveend', () => { if (popup._map && performance.now() - opened < 3000) fit(map, popup); });
    const node = popup.getElement();
    if (!node || node.dataset.fitted) return;
    node.dataset.fitted = 'true';
    const again = () => requestAnimationFrame(() => fit(map, popup));
    node.addEventListener('toggle', again, true); // <details> (toggle does not bubble)
    node.addEventListener('click', (e) => { if (e.target.closest('button')) again(); });
    node.addEventListener('atlas:resize', again);
  });
  window.addEventListener('resize', () => { const p = map._popup; if (p?._map) fit(map, p); });
}
