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
    ${evidenceList(p.placement_evidence)}
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
