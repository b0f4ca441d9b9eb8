// The filter panel (#filters): inputs are named like the API parameters.
// Region: 地级市 -> 区县 cascade, or any plan area.

import { FILTER_NAMES } from './api.js';
import { PRECISION_LABELS, kindLabel, shortCategory } from './format.js';
import { filterProblems } from './validate.js';

const collator = new Intl.Collator('zh-CN');
const byCode = (a, b) => String(a.properties.code).localeCompare(String(b.properties.code));

function option(value, label, title) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  if (title) o.title = title;
  return o;
}

/** Keep the first ("all") option, replace the rest. */
function fill(select, options) {
  select.replaceChildren(select.options[0], ...options);
}

/**
 * Wire the form. onChange(filters, {typing}) runs on every change (typing=true while the
 * user types in the search box, debounced).
 */
export function createFilters(form, { onChange, onWrite }) {
  let counties = [];
  let typingTimer = null;
  const el = (name) => form.elements.namedItem(name);

  function fillCounties(cityCode) {
    const list = counties
      .filter((f) => !cityCode || f.properties.parent_code === cityCode
        || String(f.properties.code).slice(0, 4) === cityCode.slice(0, 4))
      .sort(byCode);
    const keep = el('county').value;
    fill(el('county'), list.map((f) => option(f.properties.code, f.properties.name)));
    el('county').value = list.some((f) => f.properties.code === keep) ? keep : '';
  }

  const RANGE_FIELDS = ['year_from', 'year_to', 'min_investment', 'max_investment'];

  /** Mark the range inputs and say what is wrong under them; returns the problems (empty when none). */
  function check() {
    const unreadable = RANGE_FIELDS.filter((n) => el(n)?.validity?.badInput);
    const problems = filterProblems(read(), unreadable);
    const wrong = new Set(problems.flatMap((p) => p.fields));
    for (const n of RANGE_FIELDS) {
      if (wrong.has(n)) el(n).setAttribute('aria-invalid', 'true');
      else el(n).removeAttribute('aria-invalid');
    }
    for (const box of form.querySelectorAll('.field-error')) {
      const fields = box.dataset.fields.split(' ');
      const problem = problems.find((p) => p.fields.some((f) => fields.includes(f)));
      box.textContent = problem?.message ?? '';
      box.hidden = !problem;
    }
    return problems;
  }

  form.addEventListener('change', (event) => {
    if (!FILTER_NAMES.includes(event.target.name)) return; // e.g. the place search box
    // A reversed or impossible range is marked in the form; the page then sends no request for it.
    if (RANGE_FIELDS.includes(event.target.name)) check();
    if (event.target.name === 'city') { fillCounties(event.target.value); el('county').value = ''; }
    if (event.target.name === 'county' && event.target.value) {
      el('city').value = `${event.target.value.slice(0, 4)}00`;
      fillCounties(el('city').value);
    }
    if (event.target.name === 'q') return; // handled by 'input'
    onChange(read(), { typing: false });
  });
  form.addEventListener('input', (event) => {
    if (RANGE_FIELDS.includes(event.target.name)) { check(); return; }
    if (event.target.name !== 'q') return;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => onChange(read(), { typing: true }), 350);
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  /** Current filters from the form. */
  function read() {
    const filters = {};
    for (const name of FILTER_NAMES) {
      const input = el(name);
      const value = input?.value?.trim();
      if (value) filters[name] = value;
    }
    if (form.dataset.bbox) filters.bbox = form.dataset.bbox;
    return filters;
  }

  /** Put filters into the form (e.g. from the permalink). */
  function write(filters) {
    const city = filters.city || (filters.county ? `${filters.county.slice(0, 4)}00` : '');
    el('city').value = city;
    fillCounties(city);
    for (const name of FILTER_NAMES) {
      const input = el(name);
      if (!input || name === 'city') continue;
      ensureOption(input, filters[name]);
      input.value = filters[name] ?? '';
    }
    form.dataset.bbox = filters.bbox ?? '';
    check();
    onWrite?.();
  }

  return {
    read,
    write,
    /** The filters in words, as the form shows them: [{label, value}] (region filters left out). */
    describe() {
      const out = [];
      const shown = (name) => {
        const input = el(name);
        if (!input?.value) return null;
        return input.tagName === 'SELECT' ? input.selectedOptions[0]?.textContent ?? input.value : input.value.trim();
      };
      const add = (label, value) => { if (value) out.push({ label, value }); };
      // A plan area narrows a city or county region; alone it is the region itself.
      if (el('city').value || el('county').value) add('规划区域', shown('area'));
      add('名称含', shown('q'));
      add('类别', shown('category'));
      add('建设性质', shown('nature'));
      add('来源文件', shown('source'));
      add('定位精度', shown('precision'));
      const range = (from, to, unit) => (from || to ? `${from ?? '不限'}—${to ?? '不限'}${unit}` : null);
      add('建设年份', range(shown('year_from'), shown('year_to'), '年'));
      add('总投资', range(shown('min_investment'), shown('max_investment'), ' 亿元'));
      return out;
    },
    /** The chosen region in words: 区县, else 地级市, else 规划区域, else null. */
    regionName() {
      for (const [name, kind] of [['county', '区县'], ['city', '地级市'], ['area', '规划区域']]) {
        const input = el(name);
        if (input?.value) return `${input.selectedOptions[0]?.textContent ?? input.value}（${kind}）`;
      }
      return null;
    },
    /** What is wrong with the filters as they stand (marked in the form), [] when they can be asked. */
    problems: check,
    /** Fill the region selects from boundary and plan-area features. */
    setRegions(cityFeatures, countyFeatures, areas) {
      counties = countyFeatures;
      fill(el('city'), [...cityFeatures].sort(byCode).map((f) => option(f.properties.code, f.properties.name)));
      fillCounties(el('city').value);
      fillAreas(el('area'), areas);
    },
    setCategories(names) {
      fill(el('category'), names.filter(Boolean).map((n) => option(n, shortCategory(n), n)));
    },
    /** Source documents by title (the file name as tooltip); the value stays the file name. */
    setSources(names, titles = []) {
      fill(el('source'), names.map((n, i) => [n, titles[i] || n]).filter(([n]) => n)
        .map(([n, t]) => option(n, t, t === n ? '' : `文件：${n}`)));
    },
    setPrecisions() {
      fill(el('precision'), Object.entries(PRECISION_LABELS).map(([k, v]) => option(k, v)));
    },
  };
}

/** Plan areas grouped by kind in <optgroup>s. */
function fillAreas(select, areas) {
  const groups = new Map();
  for (const f of areas) {
    const kind = f.properties.kind ?? '';
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(f);
  }
  const optgroups = [...groups.entries()].map(([kind, list]) => {
    const g = document.createElement('optgroup');
    g.label = kindLabel(kind);
    list.sort((a, b) => collator.compare(a.properties.name, b.properties.name))
      .forEach((f) => g.append(option(f.properties.id, f.properties.name)));
    return g;
  });
  select.replaceChildren(select.options[0], ...optgroups);
}

/** A value from the URL that the select does not list yet still needs an option. */
function ensureOption(input, value) {
  if (input.tagName !== 'SELECT' || !value) return;
  if (![...input.options].some((o) => o.value === value)) input.append(option(value, value));
}
