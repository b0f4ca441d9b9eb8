// The 建设年份 slider: two range handles over the year_from / year_to inputs of the filter form. The
// number inputs stay the filter (and the permalink); the slider moves them and follows them.

const MIN = 2010;
const MAX = 2030;

/**
 * Wire the slider `box` (.year-from, .year-to range inputs) and its `label` to the form's number
 * inputs `from` and `to`. Returns {sync()} to follow the inputs after they were set from elsewhere.
 */
export function createYearSlider(box, label, from, to) {
  const low = box.querySelector('.year-from');
  const high = box.querySelector('.year-to');
  for (const handle of [low, high]) { handle.min = MIN; handle.max = MAX; handle.step = 1; }

  const text = (a, b) => (a <= MIN && b >= MAX ? '不限' : `${a <= MIN ? '不限' : a} — ${b >= MAX ? '不限' : b} 年`);

  function show() {
    const a = Number(low.value), b = Number(high.value);
    label.textContent = text(a, b);
    box.style.setProperty('--from', `${((a - MIN) / (MAX - MIN)) * 100}%`);
    box.style.setProperty('--to', `${((b - MIN) / (MAX - MIN)) * 100}%`);
    low.setAttribute('aria-valuetext', a <= MIN ? '不限' : `${a} 年`);
    high.setAttribute('aria-valuetext', b >= MAX ? '不限' : `${b} 年`);
  }

  /** Handles follow the number inputs (an end outside the slider's span sits at that end). */
  function sync() {
    const a = Number(from.value) || MIN;
    const b = Number(to.value) || MAX;
    low.value = Math.max(MIN, Math.min(MAX, a));
    high.value = Math.max(MIN, Math.min(MAX, b));
    show();
  }

  box.addEventListener('input', (event) => {
    // The handles never cross: the moved one stops at the other.
    if (event.target === low && Number(low.value) > Number(high.value)) low.value = high.value;
    if (event.target === high && Number(high.value) < Number(low.value)) high.value = low.value;
    show();
  });
  box.addEventListener('change', (event) => {
    event.stopPropagation(); // the form hears the number inputs' change, not the slider's
    const a = Number(low.value), b = Number(high.value);
    const next = [[from, a <= MIN ? '' : String(a)], [to, b >= MAX ? '' : String(b)]];
    const changed = next.filter(([input, value]) => input.value !== value);
    for (const [input, value] of changed) input.value = value;
    if (changed.length) changed[changed.length - 1][0].dispatchEvent(new Event('change', { bubbles: true }));
  });
  from.addEventListener('input', sync);
  to.addEventListener('input', sync);
  sync();
  return { sync };
}
