// The sortable project list beside the map: 项目名称, 区县, 总投资.

import { esc, yi, count, precisionLabel, categoryColour } from './format.js';
import { projectId } from './projects.js';

const collator = new Intl.Collator('zh-CN');
// Rows drawn at once; more on request ("显示更多"). Ten thousand rows in the DOM make every
// layout of the page slow, also while the map pans and zooms.
export const PAGE_ROWS = 500;

const cityNames = new Map(); // code -> name, for city-level programmes

/** Text for the 区县 column: county names, else the city names, else the level (全省…). */
function placeText(p) {
  if (p.county_names?.length) return p.county_names.join('、');
  const cities = (p.city_codes ?? []).map((c) => cityNames.get(c)).filter(Boolean);
  if (cities.length && p.precision !== 'province') return cities.join('、');
  return precisionLabel(p.precision);
}

/** Tell the list the city names (from the boundary layer). */
export function setCityNames(features) {
  for (const f of features) cityNames.set(f.properties.code, f.properties.name);
}

const KEYS = {
  name: (a, b) => collator.compare(a.properties.name ?? '', b.properties.name ?? ''),
  county: (a, b) => collator.compare(placeText(a.properties), placeText(b.properties)),
  total_investment: (a, b) => (a.properties.total_investment ?? -1) - (b.properties.total_investment ?? -1),
};

/** The list's sort as the API's sortby (the API has no county sort: money then). */
function apiSort(sort) {
  return sort.replace(/^-/, '') === 'county' ? '-total_investment' : sort;
}

/** Sort spec '-total_investment' -> comparator (missing values last when descending). */
function comparator(sort) {
  const desc = sort.startsWith('-');
  const key = KEYS[sort.replace(/^-/, '')] ?? KEYS.total_investment;
  return desc ? (a, b) => key(b, a) : key;
}

/**
 * The list panel. onPick(id) is called when a row is clicked; onSort(sort) when a header is.
 */
export function createList(element, headers, { onPick, onSort }) {
  let features = [];
  let sorted = [];
  let shown = 0; // rows drawn so far (the first `shown` of `sorted`)
  let sort = '-total_investment';
  // Many projects: rows come page by page from the API in its order ({total, fetchPage(offset, sort)}).
  let paged = null;
  let loading = null; // the page request in flight

  element.addEventListener('click', (event) => {
    if (event.target.closest('.list-more')) { showMore(shown + PAGE_ROWS); return; }
    const row = event.target.closest('.project-row');
    if (row && !event.target.closest('a')) onPick(row.dataset.id, { keyboard: false });
  });
  element.addEventListener('keydown', (event) => {
    const row = event.target.closest('.project-row');
    if (row && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); onPick(row.dataset.id, { keyboard: true }); }
  });
  for (const button of headers) {
    button.addEventListener('click', () => {
      const key = button.dataset.sort;
      const next = sort === `-${key}` ? key : `-${key}`;
      onSort(key === 'total_investment' || sort === key ? next : key);
    });
  }

  function rowHtml(f) {
    const p = f.properties;
    const unmapped = f.geometry ? '' : '<span class="tag" title="全省或地级市层面项目，不在地图上标注">未上图</span>';
    return `<li class="project-row${f.geometry ? '' : ' unmapped'}" data-id="${esc(projectId(f))}" tabindex="0">
      <span class="name"><i class="swatch" style="background:${categoryColour(p.category)}"></i>${esc(p.name)}${unmapped}<a class="project-page" href="/projects/${encodeURIComponent(projectId(f))}" target="_blank" rel="noopener" aria-label="${esc(p.name)} 详情页">详情</a></span>
      <span class="county">${esc(placeText(p))}</span>
      <span class="investment">${yi(p.total_investment)}</span></li>`;
  }

  /** The "显示更多" item after the drawn rows, or nothing when all rows are drawn. */
  function moreItem() {
    const rest = (paged ? paged.total : sorted.length) - shown;
    if (rest <= 0) return '';
    const next = Math.min(PAGE_ROWS, rest);
    return `<li class="list-more-item"><button type="button" class="list-more">显示更多（再显示 ${count(next)} 个，`
      + `已显示 ${count(shown)} / ${count(sorted.length)} 个）</button></li>`;
  }

  /** Fetch API pages until `upTo` rows are loaded (or all are). */
  async function loadUpTo(upTo) {
    while (paged && sorted.length < Math.min(upTo, paged.total)) {
      const mine = paged;
      loading ??= mine.fetchPage(sorted.length, apiSort(sort));
      const rows = await loading.finally(() => { loading = null; });
      if (mine !== paged) return false;
      if (!rows.length) break;
      sorted.push(...rows);
    }
    return true;
  }

  /** Draw rows up to index `upTo` (exclusive), appending to what is drawn already. */
  async function showMore(upTo) {
    if (paged && upTo > sorted.length && !(await loadUpTo(upTo))) return;
    const to = Math.min(sorted.length, upTo);
    if (to <= shown) return;
    const focusMore = document.activeElement?.classList.contains('list-more');
    element.querySelector('.list-more-item')?.remove();
    element.insertAdjacentHTML('beforeend', sorted.slice(shown, to).map(rowHtml).join(''));
    const firstNew = element.children[shown];
    shown = to;
    element.insertAdjacentHTML('beforeend', moreItem());
    element.dataset.shown = String(shown);
    // Keyboard users continue where the new rows begin.
    if (focusMore) firstNew?.focus();
  }

  function draw() {
    sorted = paged ? [...features] : [...features].sort(comparator(sort));
    shown = 0;
    element.innerHTML = '';
    element.dataset.count = String(paged ? paged.total : sorted.length);
    showMore(PAGE_ROWS);
    for (const button of headers) {
      const key = button.dataset.sort;
      button.classList.toggle('asc', sort === key);
      button.classList.toggle('desc', sort === `-${key}`);
      // (aria-sort belongs to table headers; these are buttons, so they say their state in their name)
      const state = sort === key ? '，升序' : sort === `-${key}` ? '，降序' : '';
      button.dataset.label ??= button.textContent;
      button.setAttribute('aria-label', `按${button.dataset.label}排序${state}`);
      // The API sorts by name and money, not by county: with paged rows that header rests.
      button.disabled = Boolean(paged) && key === 'county';
      button.title = button.disabled ? '项目较多时不能按区县排序' : '';
    }
  }

  return {
    render(list) { paged = null; features = list; draw(); },
    /** The first page of `total` rows (in the API's -total_investment order); later pages via fetchPage. */
    renderPaged(first, total, fetchPage) {
      paged = { total, fetchPage };
      if (apiSort(sort) === '-total_investment') { features = first; draw(); return; }
      features = [];
      draw();
      fetchPage(0, apiSort(sort)).then((rows) => { if (paged?.fetchPage === fetchPage) { features = rows; draw(); } });
    },
    setSort(next) {
      if (!next || next === sort) return;
      sort = next;
      if (!paged) { draw(); return; }
      const mine = paged;
      mine.fetchPage(0, apiSort(sort)).then((rows) => { if (paged === mine) { features = rows; draw(); } });
    },
    /** A loaded row's feature, or undefined. */
    feature(id) { return sorted.find((f) => projectId(f) === id); },
    get sort() { return sort; },
    /** Mark a row as selected and scroll it into view. */
    highlight(id) {
      element.querySelectorAll('.project-row.selected').forEach((r) => r.classList.remove('selected'));
      const at = sorted.findIndex((f) => projectId(f) === id);
      if (at >= shown) showMore(at + 1);
      if (at < 0) return;
      const row = element.querySelector(`.project-row[data-id="${CSS.escape(id)}"]`);
      if (row) {
        row.classList.add('selected');
        row.scrollIntoView({ block: 'nearest' });
      }
    },
  };
}
