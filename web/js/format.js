import colorbrewer from '/vendor/colorbrewer/index.es.js';

// Formatting and vocabulary: numbers in 亿元, years, Chinese labels for codes, colours.

const YI = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INT = new Intl.NumberFormat('zh-CN');

/** Placement precision codes -> Chinese labels (order = strongest first). */
export const PRECISION_LABELS = {
  site: '具体地点',
  route: '线路',
  county: '区县',
  counties: '多个区县',
  city: '地级市',
  province: '全省',
  unknown: '未定位',
};

/** How a placement was found -> Chinese label (unknown methods are shown as they are). */
const METHOD_LABELS = {
  project_code: '项目代码',
  code: '项目代码',
  location: '建设地点',
  location_text: '建设地点',
  name: '项目名称',
  responsible_unit: '责任单位',
  unit: '责任单位',
  route: '线路起止',
  line: '线路登记',
  crosswalk: '功能区代码对照',
  code_history: '历史区划代码',
  explicit: '文件明确列出',
  mention: '文件明确列出',
  spatial: '空间相交',
  intersects: '空间相交',
  manual: '人工校正',
  list: '同一清单',
  city: '仅知地级市',
  province: '全省',
};

/** Plan-area kinds -> Chinese labels. */
export const KIND_LABELS = {
  construction: '四大建设',
  metro: '大都市区',
  'metro-core': '都市区核心区',
  'new-district': '省级新区',
  'science-corridor': '科创走廊',
  corridor: '大通道',
  'urban-belt': '城市连绵带',
  'garden-belt': '文化带',
  'coop-zone': '一体化合作先行区',
};

/** 12.3456 -> "12.35"; null -> "—". */
export function yi(value) {
  return value == null || Number.isNaN(Number(value)) ? '—' : YI.format(Number(value));
}

/** 12.3456 -> "12.35 亿元"; null -> "待核定". */
export function yiWithUnit(value) {
  return value == null ? '待核定' : `${yi(value)} 亿元`;
}

export function count(value) {
  return value == null ? '—' : INT.format(value);
}

/** Construction period: 2021–2023 -> "2021—2023年"; one year -> "2021年". */
export function years(start, end) {
  if (start == null && end == null) return '—';
  if (start == null || end == null || start === end) return `${start ?? end}年`;
  return `${start}—${end}年`;
}

/** Dates in the UI are Beijing dates, as in the exported files. */
export const BEIJING = 'Asia/Shanghai';

/** '2024-05-01': today's date in Beijing (file names). */
export function isoToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BEIJING }).format(new Date());
}

/** Today's date in Beijing as 2024年5月1日 (for stamps). */
export function today() {
  return new Date().toLocaleDateString('zh-CN', { timeZone: BEIJING, year: 'numeric', month: 'long', day: 'numeric' });
}

export function precisionLabel(code) {
  return PRECISION_LABELS[code] ?? (code ? code : PRECISION_LABELS.unknown);
}

export function methodLabel(code) {
  return METHOD_LABELS[code] ?? code ?? '';
}

export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? kind ?? '';
}

/** Escape text for safe use inside HTML strings. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  }[c]));
}

/** Join a list with the Chinese enumeration comma; empty -> "—". */
export function joinList(list) {
  const items = (list ?? []).filter((x) => x != null && x !== '');
  return items.length ? items.join('、') : '—';
}

// Project categories: ColorBrewer's qualitative Set1 (npm colorbrewer), its yellow (unreadable on the
// light map) replaced by Dark2's gold: eight hues no two of which look alike. The eight categories with
// the most money get them; the rest share Set1's grey, and the legend names them as 其他类别.
const SET1 = colorbrewer.Set1[9];
const PALETTE = [...SET1.slice(0, 5), colorbrewer.Dark2[8][5], ...SET1.slice(6, 8)];
export const OTHER_COLOUR = SET1[8];
const categoryColours = new Map();

/** Fix the colour order from a list of categories (e.g. from the unfiltered stats). */
export function registerCategories(categories) {
  for (const c of categories) categoryColour(c);
}

/** Stable colour for a category: the first eight seen get the palette's hues, later ones grey. */
export function categoryColour(category) {
  const key = category || '（未分类）';
  if (!categoryColours.has(key)) {
    categoryColours.set(key, PALETTE[categoryColours.size] ?? OTHER_COLOUR);
  }
  return categoryColours.get(key);
}

export function knownCategories() {
  return [...categoryColours.keys()];
}

/** Strip the long "以…为重点的" prefix so categories fit a legend; the full name stays in title. */
export function shortCategory(category) {
  if (!category) return '（未分类）';
  const m = category.match(/^以.+?为重点的(.+)$/);
  return m ? m[1] : category;
}

/** '2021-04-02' -> '2021年4月2日' (a date as documents print it). */
export function chineseDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : String(iso);
}
