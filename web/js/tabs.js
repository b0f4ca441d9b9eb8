// Narrow screens (phones, small windows, 200% zoom): the map takes the whole width and the tabs
// 地图 / 筛选 / 列表 / 统计 show one panel at a time over it. Wide screens show every panel and no tabs.

export const NARROW = '(max-width: 900px)';

/** Wire the tab bar; returns {show(tab), narrow()}. onShow(tab) runs after a tab is shown. */
export function createTabs(nav, { onShow = () => {} } = {}) {
  const media = window.matchMedia(NARROW);
  const buttons = [...nav.querySelectorAll('button[data-tab]')];

  function show(tab) {
    document.body.dataset.tab = tab;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.tab === tab));
    onShow(tab);
  }

  nav.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-tab]');
    if (button) show(button.dataset.tab);
  });
  // Skip links: on a narrow screen their target may sit in a hidden panel; show it, then move focus.
  for (const link of document.querySelectorAll('.skip-link[data-tab]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      if (media.matches) show(link.dataset.tab);
      const target = document.querySelector(link.getAttribute('href'));
      const first = target?.querySelector('.project-row') ?? target;
      first?.focus();
    });
  }
  media.addEventListener('change', () => onShow(document.body.dataset.tab));
  show('map');
  return { show, narrow: () => media.matches };
}
