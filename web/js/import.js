// Admin import page: a dry run first (POST /api/imports?dry_run=true, nothing written), then the import itself.

const form = document.querySelector('#import-form');
const tokenInput = document.querySelector('#import-token');
const filesInput = document.querySelector('#import-files');
const commitButton = document.querySelector('#import-commit');
const status = document.querySelector('#status');
const out = document.querySelector('#import-report');

/** The files that were dry-run, so 确认导入 sends exactly those. */
let checked = null;

const STATUS = {
  dry_run: '试导入：未写入',
  imported: '已导入',
  unchanged: '内容相同，未改动',
  failed: '失败，未改动',
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child == null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const FIELDS = {
  seq: '序号', name: '名称', content: '建设内容', location: '建设地点', years: '起止年限',
  total_investment: '总投资', planned_investment: '年度计划投资', progress: '形象进度', units: '责任单位',
  code: '项目代码', nature: '建设性质', category: '类别', money_unit: '金额单位',
};

/** The server's note on where a unit was read, in Chinese. */
function unitText(unit) {
  return unit
    .replace(/\s*\(header\)/, '（表头注明）')
    .replace(/\s*\(caption: (.*)\)/, '（表上方注明：$1）')
    .replace(/\s*\(no unit printed: 亿元 assumed\)/, '（未注明单位，按亿元读）')
    .replace(/^per row \(column (.*)\), else /, '逐行按“$1”列，未填则 ');
}

function amount(v) {
  return `${Number(v).toLocaleString('zh-CN', { maximumFractionDigits: 4 })} 亿元`;
}

function issueText(issue) {
  const where = [issue.table, issue.seq ? `序号 ${issue.seq}` : '', issue.line ? `第 ${issue.line} 行` : '']
    .filter(Boolean).join(' ');
  return `${where}：${issue.message}`;
}

function list(title, items, cls) {
  if (!items || items.length === 0) return null;
  return el('div', { class: cls },
    el('h4', {}, `${title}（${items.length}）`),
    el('ul', {}, ...items.map((text) => el('li', {}, text))));
}

function tableSection(t) {
  const units = Object.entries(t.units || {}).map(([column, unit]) => `${column}：${unitText(unit)}`);
  const mapped = Object.entries(t.mapped || {}).map(([column, field]) => `${column} → ${FIELDS[field] || field}`);
  const totals = (t.totals || []).map((c) => el('li', { class: c.matches ? 'total-ok' : 'total-mismatch' },
    `${c.matches ? '✓' : '✗ 不符'} ${c.label}（第 ${c.line} 行，${c.scope === 'table' ? '全表' : c.scope}，${FIELDS[c.field] || c.field}）：`
    + `表中 ${amount(c.printed)}，${c.rows} 行合计 ${amount(c.summed)}`
    + (c.withoutAmount ? `，${c.withoutAmount} 行无金额` : '')));
  return el('section', { class: 'import-table', 'data-title': t.title },
    el('h3', {}, `${t.title}${t.caption ? ` · ${t.caption}` : ''}`),
    el('p', {}, `项目 ${t.projects} 个，拒绝 ${t.rejected} 行，表头 ${t.headerRows} 行`),
    list('金额单位', units, 'import-units'),
    list('已识别的列', mapped, 'import-mapped'),
    list('未识别的列（原文保留）', t.unmapped, 'import-unmapped'),
    totals.length ? el('div', { class: 'import-totals' }, el('h4', {}, `合计核对（${totals.length}）`), el('ul', {}, ...totals)) : null,
    list('被拒绝的行', (t.rejectedRows || []).map(issueText), 'import-rejected'));
}

function reportSection(r) {
  const counts = r.status === 'failed' ? r.error
    : `读取 ${r.rowsRead} 行：新增 ${r.added}，更新 ${r.changed}，不变 ${r.unchangedRows}，删除 ${r.removed}，`
      + `有警告 ${r.withWarnings}，拒绝 ${r.rejectedCount}`;
  return el('article', { class: `import-file status-${r.status}`, 'data-status': r.status },
    el('h2', {}, `${r.file}：${STATUS[r.status] || r.status}`),
    el('p', { class: 'import-counts' }, counts),
    ...(r.tables || []).map(tableSection),
    list('跳过的工作表或表格', r.skipped, 'import-skipped'),
    list('警告', (r.warnings || []).map(issueText), 'import-warnings'));
}

async function send(dryRun) {
  const files = dryRun ? [...filesInput.files] : checked;
  if (!files || files.length === 0) return;
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  status.textContent = dryRun ? '试导入中…' : '导入中…';
  commitButton.disabled = true;
  document.body.dataset.ready = 'false';
  try {
    const response = await fetch(`/api/imports${dryRun ? '?dry_run=true' : ''}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokenInput.value.trim()}` },
      body,
    });
    const json = await response.json().catch(() => ({}));
    out.replaceChildren();
    if (!json.reports) {
      out.append(el('p', { class: 'import-error' }, `HTTP ${response.status}：${json.detail || json.title || '请求失败'}`));
      checked = null;
      return;
    }
    out.append(...json.reports.map(reportSection));
    if (dryRun) {
      out.prepend(el('p', { class: 'import-dry-note' }, '这是试导入：数据库未作任何改动。核对无误后点“确认导入”。'));
      checked = json.reports.some((r) => r.status === 'dry_run') ? files : null;
      commitButton.disabled = checked == null;
    } else {
      checked = null;
      if (json.placed) out.append(el('p', {}, `已定位 ${json.placed.projects} 个新增或变更的项目`));
    }
  } catch (e) {
    out.replaceChildren(el('p', { class: 'import-error' }, `请求失败：${e.message}`));
  } finally {
    status.textContent = '';
    document.body.dataset.ready = 'true';
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  send(true);
});
commitButton.addEventListener('click', () => send(false));
filesInput.addEventListener('change', () => {
  checked = null;
  commitButton.disabled = true;
});
document.body.dataset.ready = 'true';
