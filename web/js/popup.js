// The project popup: figures, places, placement evidence, source, and the '位置有误' action.

import { postReview } from './api.js';
import { describeError } from './errors.js';
import {
  esc, yiWithUnit, years, joinList, precisionLabel, methodLabel, categoryColour, chineseDate,
} from './format.js';

function row(label, value) {
  if (value == null || value === '' || value === '—') return '';
  return `<tr><th>${label}</th><td>${value}</td></tr>`;
}

/** Long text (progress, content) folds away after ~80 characters. */
function longText(text) {
  if (!text) return null;
  const t = String(text);
  if (t.length <= 80) return esc(t);
  return `<details><summary>${esc(t.slice(0, 60))}…</summary>${esc(t)}</details>`;
}

function evidenceList(items) {
  if (!items?.length) return '';
  const li = items.map((e) => `<li><b>${esc(e.name ?? e.code ?? '')}</b>
      ${e.code ? `<span class="muted">(${esc(e.code)})</span>` : ''}
      · ${esc(methodLabel(e.method))}${e.precision ? ` · ${esc(precisionLabel(e.precision))}` : ''}
      ${e.evidence ? `<div class="evidence">“${esc(e.evidence)}”</div>` : ''}</li>`).join('');
  return `<details class="evidence-list"><summary>定位依据（${items.length}）</summary><ul>${li}</ul></details>`;
}

/** The registry lines a project follows: each county crossed with the node that puts it there, and the line's source. */
function linesBlock(lines) {
  if (!lines?.length) return '';
  const one = (l) => {
    const stretch = l.from && l.to && l.from !== l.to ? `<span class="muted">（${esc(l.from)}—${esc(l.to)}）</span>` : '';
    const counties = (l.counties ?? []).map((c) => `<li>${esc(c.name)} <span class="muted">· ${esc(c.node)}</span></li>`).join('');
    const src = [l.source?.title, l.source?.publisher, l.source?.date].filter(Boolean).map(esc).join('，');
    return `<div class="line-course"><b>${esc(l.name)}</b>${stretch}
      <ol class="line-counties">${counties}</ol>
      ${src ? `<div class="muted line-source">线路来源：${src}</div>` : ''}</div>`;
  };
  return `<details class="line-list" open><summary>途经区县（${lines.reduce((n, l) => n + (l.counties?.length ?? 0), 0)}）</summary>${lines.map(one).join('')}</details>`;
}

/** 《title》 浙…〔2021〕6号 · 2021年4月2日, the file name after it as provenance. */
function documentTitle(p) {
  const date = p.source_date ? chineseDate(p.source_date) : null;
  const extra = [p.source_number, date].filter(Boolean).map(esc).join('，');
  return `<span class="doc-title">《${esc(p.source_title)}》</span>${extra ? `（${extra}）` : ''}`
    + `<span class="muted doc-file">文件 ${esc(p.source)}</span>`;
}

function sourceLine(p) {
  const lines = p.line_from == null ? null
    : `第 ${esc(p.line_from)}${p.line_to != null && p.line_to !== p.line_from ? `—${esc(p.line_to)}` : ''} 行`;
  const doc = p.source_title ? documentTitle(p) : p.source && `文件 ${esc(p.source)}`;
  const parts = [doc, p.table && esc(p.table), p.seq && `序号 ${esc(p.seq)}`, lines];
  return `<p class="source">来源：${parts.filter(Boolean).join(' · ') || '—'}</p>`;
}

function placement(p) {
  const methods = (p.placement_methods ?? []).map(methodLabel).filter(Boolean);
  return `${esc(precisionLabel(p.precision))}${methods.length ? `<span class="muted">（依据：${esc(methods.join('、'))}）</span>` : ''}`;
}

const RELATION = { self: '本条', same: '同一项目', related: '相关（分期/分段）' };

function relationLabel(e) {
  if (e.relation === 'part') return e.part_of === 'whole' ? '本条为其一部分' : '其为本条的一部分';
  return RELATION[e.relation] ?? e.relation;
}

/** The project's list entries in list order (identity/): list, 序号, investment, 新建/续建, progress. */
function entriesTable(p) {
  if (!p.entries?.length || p.entries.length < 2) return '';
  const rows = p.entries.map((e) => `<tr class="entry${e.relation === 'self' ? ' self' : ''}">
      <td>${esc(e.list_year ?? '')}</td>
      <td>${esc(e.table ?? '')} 序号 ${esc(e.seq ?? '')}<div class="muted">${esc(e.name ?? '')}</div></td>
      <td>${e.total_investment == null ? '—' : esc(yiWithUnit(e.total_investment))}${e.planned_investment == null ? ''
    : `<div class="muted">年度 ${esc(yiWithUnit(e.planned_investment))}</div>`}</td>
      <td>${esc(e.nature ?? '')}</td>
      <td>${esc(relationLabel(e))}${e.counted ? '<div class="muted">计入合计</div>' : ''}</td>
    </tr>${e.progress ? `<tr class="entry-progress"><td></td><td colspan="4">${longText(e.progress)}</td></tr>` : ''}`).join('');
  return `<details class="entries" open><summary>历次清单条目（${p.entries.length}）</summary>
    <table class="entries-table"><thead><tr><th>年份</th><th>清单条目</th><th>总投资</th><th>性质</th><th>关系</th></tr></thead>
    <tbody>${rows}</tbody></table></details>`;
}

/** Why a project has no place on the map. */
function unmappedNote(p) {
  if (p.precision === 'province') return '全省层面项目，不在地图上标注位置';
  if (p.precision === 'city') return '地级市层面项目，不在地图上标注位置';
  return '尚未定位，暂不在地图上标注；如知道位置，请点“位置有误”告诉我们';
}

/** Build the popup element for a project feature. */
export function projectPopup(feature) {
  const p = feature.properties;
  const div = document.createElement('div');
  div.className = 'project-popup';
  div.dataset.id = feature.id ?? p.id;
  div.setAttribute('role', 'dialog');
  div.setAttribute('aria-label', p.name ?? '项目');
  div.innerHTML = `
    <h3 tabindex="-1">${esc(p.name)}</h3>
    <a class="project-page" href="/projects/${encodeURIComponent(feature.id ?? p.id)}" target="_blank" rel="noopener">项目详情页（可打印、可转发）</a>
    <div class="category"><i class="swatch" style="background:${categoryColour(p.category)}"></i>${esc(p.category ?? '未分类')}</div>
    ${feature.geometry ? '' : `<p class="approx">${esc(unmappedNote(p))}</p>`}
    <table class="figures">
      ${row('总投资', yiWithUnit(p.total_investment))}
      ${row('年度计划投资', p.planned_investment == null ? null : yiWithUnit(p.planned_investment))}
      ${row('建设年限', years(p.start_year, p.end_year))}
      ${row('项目代码', esc(joinList(p.project_codes)))}
      ${row('建设性质', esc(p.nature ?? ''))}
      ${row('建设地点', esc(p.location_text ?? ''))}
      ${row('建设内容', longText(p.content))}
      ${row('形象进度', longText(p.progress))}
      ${row('责任单位', esc(joinList(p.responsible_units)))}
      ${row('所在区县', esc(joinList(p.county_names)))}
      ${row('规划区域', esc(joinList(p.plan_area_names)))}
      ${row('定位精度', placement(p))}
    </table>
    ${linesBlock(p.lines)}
    ${evidenceList(p.placement_evidence)}
    ${entriesTable(p)}
    ${sourceLine(p)}
    ${reviewBlock()}`;
  wireReview(div, div.dataset.id);
  return div;
}

function reviewBlock() {
  return `<div class="review">
      <button type="button" class="review-open">位置有误</button>
      <form class="review-form" hidden>
        <textarea name="comment" rows="2" maxlength="1000" placeholder="可选：正确的位置或说明"></textarea>
        <div><button type="submit">提交</button> <button type="button" class="review-cancel">取消</button></div>
      </form>
      <p class="review-result" role="status"></p>
    </div>`;
}

/** '位置有误' opens a small form; submitting posts a review item and thanks the user. */
function wireReview(div, projectId) {
  const open = div.querySelector('.review-open');
  const form = div.querySelector('.review-form');
  const result = div.querySelector('.review-result');
  open.addEventListener('click', () => { form.hidden = false; open.hidden = true; form.comment.focus(); });
  // Typing in the form is not map navigation (Leaflet pans and zooms on arrows, + and -); Esc still closes.
  form.addEventListener('keydown', (event) => { if (event.key !== 'Escape') event.stopPropagation(); });
  div.querySelector('.review-cancel').addEventListener('click', () => { form.hidden = true; open.hidden = false; });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const answer = await postReview(projectId, form.comment.value.trim());
      form.hidden = true;
      result.textContent = answer?.message || '感谢反馈！我们会核实该项目的位置。';
    } catch (e) {
      result.textContent = `提交失败：${describeError(e)}。`;
      submit.disabled = false;
    }
  });
}
