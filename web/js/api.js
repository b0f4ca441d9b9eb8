// Thin client for the Atlas HTTP API. All GeoJSON is RFC 7946 (lon/lat).

import { checkResponse } from './errors.js';

/** Filter names the UI keeps (year_from/year_to become the API's `datetime`). */
export const FILTER_NAMES = [
  'city', 'county', 'area', 'category', 'nature', 'source', 'precision',
  'q', 'min_investment', 'max_investment', 'year_from', 'year_to', 'bbox',
];

/** UI filters -> API filter object (drops empty values, builds datetime). */
export function apiFilters(filters) {
  const out = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value == null || value === '' || name === 'year_from' || name === 'year_to') continue;
    out[name] = String(value).trim();
  }
  const from = filters.year_from, to = filters.year_to;
  if (from || to) out.datetime = `${from || '..'}/${to || '..'}`;
  return out;
}

function queryString(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v != null && v !== '') qs.set(k, v);
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

async function getJson(path, params = {}, signal) {
  const response = await fetch(path + queryString(params), {
    headers: { Accept: 'application/geo+json, application/json' },
    signal,
  });
  await checkResponse(response);
  return response.json();
}

/** One collection's items, e.g. counties or projects. */
export function getItems(collection, params = {}, signal) {
  return getJson(`/collections/${collection}/items`, { limit: 10000, ...params }, signal);
}

/** Projects matching the UI filters; beyond the page limit, the largest investments come first. */
export function getProjects(filters, signal, { limit = 10000, offset = 0, sortby = '-total_investment' } = {}) {
  return getItems('projects', { ...apiFilters(filters), sortby, limit, ...(offset ? { offset } : {}) }, signal);
}

/** One project, by id (for the popup of a project clicked on the tiles). */
export function getProject(id, signal) {
  return getJson(`/collections/projects/items/${encodeURIComponent(id)}`, {}, signal);
}

/** Grouped totals for the UI filters. */
export function getStats(groupby, filters = {}, signal) {
  return getJson('/api/stats', { groupby, ...apiFilters(filters) }, signal);
}

/** Values for the select lists: {category: [..], source: [..], nature: [..], precision: [..]}. */
export function getFacets() {
  return getJson('/api/facets');
}

/** Optional settings (tile URL); missing endpoint -> defaults. */
export async function getConfig() {
  try {
    return await getJson('/api/config');
  } catch {
    return { tile_url: null };
  }
}

/** '位置有误': file a review item for a project; returns the server's answer ({message} if any). */
export async function postReview(projectId, comment) {
  const response = await fetch('/api/review', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ project_id: projectId, comment: comment || '' }),
  });
  await checkResponse(response);
  try { return await response.json(); } catch { return {}; }
}

/** Regional snapshot: returns {blob, filename}. */
export async function postExport(region, filters, formats) {
  const response = await fetch('/api/exports', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/zip' },
    body: JSON.stringify({ region, filters: apiFilters(filters), formats }),
  });
  await checkResponse(response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  // The UTF-8 name (filename*) wins over the ASCII fallback (filename) that comes before it.
  const utf8 = disposition.match(/filename\*=UTF-8''([^;]+)/i);
  const ascii = disposition.match(/filename="?([^";]+)"?/i);
  const filename = utf8 ? decodeURIComponent(utf8[1]) : ascii ? ascii[1] : null;
  return { blob: await response.blob(), filename };
}
