/**
 * The script the preview adds to every page (and the only script any preview page runs): it
 * listens for rebuilds, swaps in the new content without reloading so the scroll position
 * stays, numbers the pages and keeps each article on the page where it prints.
 */
export const CLIENT_JS = String.raw`(() => {
  const PITCH = 210 * 96 / 25.4;
  let version = document.documentElement.dataset.version;

  function paginate() {
    document.querySelectorAll('.briefs-page-number').forEach((n) => n.remove());
    const body = document.body;
    if (!body.classList.contains('bulletin')) return;
    // Articles whose printed page is later than their column here start a new column.
    for (const article of document.querySelectorAll('article[data-page]')) {
      const want = Number(article.dataset.page);
      const have = Math.floor((article.getBoundingClientRect().left + scrollX + 1) / PITCH) + 1;
      if (want > have) {
        const section = article.parentElement && article.parentElement.classList.contains('topic') && article.parentElement.querySelector('article') === article ? article.parentElement : article;
        section.style.breakBefore = 'column';
      }
    }
    // The 报尾 stands on the foot of its page: measured here, in the columns, as the print measures it.
    const wrap = document.querySelector('.distribution-wrap');
    if (wrap) {
      wrap.style.paddingTop = '0px';
      const foot = body.getBoundingClientRect().top + parseFloat(getComputedStyle(body).paddingTop) + body.clientHeight - parseFloat(getComputedStyle(body).paddingTop) - parseFloat(getComputedStyle(body).paddingBottom);
      const rects = wrap.getClientRects();
      const last = rects[rects.length - 1];
      if (last && foot - last.bottom > 1) wrap.style.paddingTop = (foot - last.bottom - 1) + 'px';
    }
    const pages = Math.max(1, Math.round(document.documentElement.scrollWidth / PITCH));
    for (let i = 1; i <= pages; i++) {
      const n = document.createElement('div');
      n.className = 'briefs-page-number';
      n.textContent = '— ' + i + ' —';
      n.style.left = i % 2 ? 'calc(' + (i - 1) * 210 + 'mm + 184mm - 14pt)' : 'calc(' + (i - 1) * 210 + 'mm + 28mm + 14pt)';
      if (i % 2) n.style.transform = 'translateX(-100%)';
      document.documentElement.appendChild(n);
    }
  }

  async function refresh() {
    const res = await fetch(location.pathname, { cache: 'no-store' });
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const x = scrollX;
    const y = scrollY;
    const oldStyles = [...document.head.querySelectorAll('style')];
    const newStyles = [...doc.head.querySelectorAll('style')];
    if (oldStyles.map((s) => s.textContent).join() !== newStyles.map((s) => s.textContent).join()) {
      oldStyles.forEach((s) => s.remove());
      newStyles.forEach((s) => document.head.appendChild(document.importNode(s, true)));
    }
    document.title = doc.title;
    document.body.replaceWith(document.importNode(doc.body, true));
    document.documentElement.dataset.version = version;
    await document.fonts.ready;
    paginate();
    scrollTo(x, y);
  }

  const events = new EventSource('/_events');
  events.addEventListener('version', (e) => {
    if (e.data === version) return;
    version = e.data;
    refresh().catch((err) => console.error('briefs preview:', err));
  });
  document.fonts.ready.then(paginate);
})();`;
