// Checks on the filter form as it is typed: a reversed or impossible range is told in Chinese, and no
// request is sent for it.

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2050;

const number = (v) => (v == null || v === '' ? null : Number(v));

/**
 * Problems with filters: [{fields: [names], message}]. unreadable names inputs whose text is not a
 * number (the browser keeps no value for them).
 */
export function filterProblems(filters, unreadable = []) {
  const problems = [];
  const bad = new Set(unreadable);
  const years = ['year_from', 'year_to'];
  const money = ['min_investment', 'max_investment'];
  if (years.some((n) => bad.has(n))) {
    problems.push({ fields: years.filter((n) => bad.has(n)), message: '年份请填写四位数字，如 2021' });
  } else {
    const [from, to] = years.map((n) => number(filters[n]));
    const outside = years.filter((n) => {
      const y = number(filters[n]);
      return y != null && (!Number.isInteger(y) || y < YEAR_MIN || y > YEAR_MAX);
    });
    if (outside.length) {
      problems.push({ fields: outside, message: `年份应为 ${YEAR_MIN}—${YEAR_MAX} 之间的整数` });
    } else if (from != null && to != null && from > to) {
      problems.push({ fields: years, message: `起始年份（${from}）不能晚于结束年份（${to}）` });
    }
  }
  if (money.some((n) => bad.has(n))) {
    problems.push({ fields: money.filter((n) => bad.has(n)), message: '总投资请填写数字（亿元）' });
  } else {
    const [min, max] = money.map((n) => number(filters[n]));
    const invalid = money.filter((n) => { const v = number(filters[n]); return v != null && (!Number.isFinite(v) || v < 0); });
    if (invalid.length) {
      problems.push({ fields: invalid, message: '总投资不能为负数' });
    } else if (min != null && max != null && min > max) {
      problems.push({ fields: money, message: `总投资最小值（${min}）不能大于最大值（${max}）` });
    }
  }
  return problems;
}
