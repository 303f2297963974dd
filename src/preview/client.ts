/**
 * The script the preview adds to every page (and the only script any preview page runs): it
 * listens for rebuilds, swaps in the new content without reloading so the scroll position
 * stays, lays the issue out as pages (the same function printing uses for its first guess)
 * and numbers them.
 */
import { installPageCutter } from '../print/page-cutter.js';
import { placePageNotes } from '../print/page-notes.js';
import { applyPageRules } from '../print/page-rules.js';
import { paginateInColumns } from '../print/paginate.js';
import { FOLIO, PAGE_MM } from '../layout/page.js';

export const CLIENT_JS = String.raw`(() => {
  const paginateInColumns = ${paginateInColumns.toString()};
  ${installPageCutter()}
  const placePageNotes = ${placePageNotes.toString()};
  const applyPageRules = ${applyPageRules.toString()};
  let version = document.documentElement.dataset.version;

  function paginate() {
    document.querySelectorAll('.briefs-page-number').forEach((n) => n.remove());
    if (!document.body.classList.contains('bulletin')) return;
    let { pages, articlePages } = paginateInColumns(true);
    if (placePageNotes() + applyPageRules()) ({ pages, articlePages } = paginateInColumns(true));
    // Served before the print measured it: the contents take the pages the columns show.
    document.querySelectorAll('.contents-page[data-article]').forEach((el) => {
      if (el.textContent === '00' && articlePages[Number(el.dataset.article) - 1]) el.textContent = String(articlePages[Number(el.dataset.article) - 1]);
    });
    for (let i = 1; i <= pages; i++) {
      const n = document.createElement('div');
      n.className = 'briefs-page-number';
      n.textContent = '— ' + i + ' —';
      n.style.left = i % 2
        ? 'calc(' + (i - 1) * ${PAGE_MM.width} + 'mm + ${PAGE_MM.width - PAGE_MM.right}mm - ${FOLIO.sizePt}pt)'
        : 'calc(' + (i - 1) * ${PAGE_MM.width} + 'mm + ${PAGE_MM.left}mm + ${FOLIO.sizePt}pt)';
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
    // Page numbers stand for a laid-out body: they go with the old one.
    document.querySelectorAll('.briefs-page-number').forEach((n) => n.remove());
    document.body.replaceWith(document.importNode(doc.body, true));
    document.documentElement.dataset.version = version;
    await document.fonts.ready;
    paginate();
    scrollTo(x, y);
  }

  // The stream is held by a worker (events.ts): a page's own open stream never lets the page's
  // network go idle, so puppeteer's waitUntil 'networkidle0' never settled on a preview.
  const live = new Worker('/_live.js');
  live.onmessage = (e) => {
    if (e.data === version) return;
    version = e.data;
    refresh().catch((err) => console.error('briefs preview:', err));
  };
  document.fonts.ready.then(paginate);
})();`;
