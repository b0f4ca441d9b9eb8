// Place search: type a place name (区县, 乡镇, 旧名), pick a candidate, filter to its county or city.

import { esc } from './format.js';
import { checkResponse } from './errors.js';

const LEVEL_LABELS = { province: '省', city: '地级市', county: '区县', town: '乡镇街道' };

async function lookup(q, signal) {
  const response = await fetch(`/api/gazetteer?q=${encodeURIComponent(q)}`, { signal });
  await checkResponse(response);
  return (await response.json()).candidates ?? [];
}

/** One entry per division code, keeping the first (best) match text. */
function unique(candidates) {
  const seen = new Map();
  for (const c of candidates) if (c.code && !seen.has(c.code)) seen.set(c.code, c);
  return [...seen.values()].slice(0, 8);
}

/** The region filter a candidate leads to: ['city'|'county', code] or null. */
function target(c) {
  const code = String(c.code);
  if (c.level === 'city' || /^33\d\d00$/.test(code)) return code === '330000' ? null : ['city', code];
  return ['county', code.slice(0, 6)];
}

/** Wire the search box; onPick(kind, code) applies the region filter. */
export function setupPlaceSearch(input, results, onPick) {
  let timer = null;
  let controller = null;
  let current = [];

  function show(list, message) {
    current = list;
    results.hidden = !list.length && !message;
    results.innerHTML = message ? `<li class="muted">${esc(message)}</li>` : list.map((c, i) => `
      <li><button type="button" data-i="${i}"><b>${esc(c.name)}</b>
        <span class="muted">${esc(LEVEL_LABELS[c.level] ?? c.level ?? '')}${c.matchedText && c.matchedText !== c.name ? ` · ${esc(c.matchedText)}` : ''}</span>
        ${c.match === 'ambiguous' ? '<span class="tag">可能</span>' : ''}</button></li>`).join('');
  }

  function choose(c) {
    const t = c && target(c);
    if (!t) return;
    show([]);
    input.value = c.name;
    onPick(...t);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { show([]); return; }
    timer = setTimeout(async () => {
      controller?.abort();
      controller = new AbortController();
      try {
        const list = unique(await lookup(q, controller.signal));
        show(list, list.length ? '' : '未找到该地名');
      } catch (e) {
        if (e.name !== 'AbortError') show([], '地名查询不可用');
      }
    }, 250);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); choose(current[0]); }
    if (event.key === 'Escape') show([]);
  });
  results.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-i]');
    if (button) choose(current[Number(button.dataset.i)]);
  });
}
