// Permalink: filters, visible layers, list sort, legend (open/closed) and map view live in the query string.
//   /?city=330500&category=…&year_from=2021&layers=metros,projects&sort=-total_investment&legend=closed&map=9/30.25/120.15
// Filter and layer changes push a history entry; map moves replace the current one.

import { FILTER_NAMES } from './api.js';

/** Parse a URL (default: the current one) into {filters, layers, sort, view}. */
export function readState(href = window.location.href) {
  const params = new URL(href).searchParams;
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const layers = params.has('layers')
    ? params.get('layers').split(',').filter(Boolean)
    : null; // null = defaults
  const legend = ['open', 'closed'].includes(params.get('legend')) ? params.get('legend') : null; // null = by screen size
  return { filters, layers, sort: params.get('sort') || null, legend, view: parseView(params.get('map')) };
}

function parseView(text) {
  if (!text) return null;
  const [zoom, lat, lng] = text.split('/').map(Number);
  if ([zoom, lat, lng].some((n) => !Number.isFinite(n))) return null;
  return { zoom, lat, lng };
}

/** Build the URL for a state. */
export function stateUrl(state) {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = state.filters?.[name];
    if (value != null && value !== '') params.set(name, value);
  }
  if (state.layers) params.set('layers', state.layers.join(','));
  if (state.sort) params.set('sort', state.sort);
  if (state.legend) params.set('legend', state.legend);
  if (state.view) {
    const { zoom, lat, lng } = state.view;
    params.set('map', `${zoom}/${lat.toFixed(4)}/${lng.toFixed(4)}`);
  }
  const query = params.toString().replace(/%2C/g, ',').replace(/%2F/g, '/');
  return `${window.location.pathname}${query ? `?${query}` : ''}`;
}

/** Record a state: push = new history entry (filters, layers), else replace (map moves). */
export function writeState(state, { push = false } = {}) {
  const url = stateUrl(state);
  if (url === window.location.pathname + window.location.search) return;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/** Call back with the parsed state when the user goes back or forward. */
export function onHistory(callback) {
  window.addEventListener('popstate', () => callback(readState()));
}
