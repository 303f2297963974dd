/**
 * Runs inside the page (it is serialised: no imports, no closures). With html.briefs-paged the
 * body is laid out as columns the size of a text block (templates/styles/paged.css); this
 * finds the page each article starts on and pushes the 报尾 onto the foot of its page.
 * Printing calls it for a first guess; the preview calls it to show pages.
 */
export interface ColumnLayout {
  articlePages: number[];
  /** Padding above the 报尾 that puts it on the foot of its page, in CSS px. */
  pushPx: number;
  pages: number;
}

export function paginateInColumns(keepPaged: boolean): ColumnLayout {
  // A page's width, from the stylesheet's --page-width (layout/page.ts), in CSS px.
  const PITCH = (parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--page-width')) * 96) / 25.4;
  const root = document.documentElement;
  const body = document.body;
  root.classList.add('briefs-paged');
  // A table wider than the text block steps down to 五号; only a table still too wide may
  // break inside its cells (a number otherwise never breaks). Measured here, where the body
  // is a text block wide; the classes stay for the print.
  for (const table of Array.from(document.querySelectorAll('table'))) {
    const box = table.parentElement;
    if (!box) continue;
    const tooWide = () => table.getBoundingClientRect().width > box.getBoundingClientRect().width + 0.5;
    if (tooWide()) table.classList.add('table-small');
    if (tooWide()) table.classList.add('table-break');
  }
  const left = body.getBoundingClientRect().left + window.scrollX;
  const pageOf = (el: Element) => Math.floor((el.getBoundingClientRect().left + window.scrollX - left + 1) / PITCH) + 1;
  // Articles that the print puts on a later page start a new column here too (the preview
  // knows the printed pages; a first guess does not).
  for (const article of Array.from(document.querySelectorAll<HTMLElement>('article[data-page]'))) {
    if (Number(article.dataset.page) > pageOf(article)) {
      const section = article.parentElement;
      const first = section && section.classList.contains('topic') && section.querySelector('article') === article;
      (first ? section : article).style.breakBefore = 'column';
    }
  }
  const wrap = document.querySelector<HTMLElement>('.distribution-wrap');
  let pushPx = 0;
  if (wrap) {
    wrap.style.paddingTop = '0px';
    const style = getComputedStyle(body);
    const foot =
      body.getBoundingClientRect().top +
      window.scrollY +
      parseFloat(style.paddingTop) +
      body.clientHeight -
      parseFloat(style.paddingTop) -
      parseFloat(style.paddingBottom);
    const rects = wrap.getClientRects();
    const last = rects[rects.length - 1];
    // Half a pixel short of the foot, so rounding never tips the block onto a new page.
    if (last) pushPx = Math.max(0, foot - (last.bottom + window.scrollY) - 0.5);
    wrap.style.paddingTop = `${pushPx}px`;
  }
  const articlePages = Array.from(document.querySelectorAll('.article-head')).map(pageOf);
  const pages = Math.max(1, Math.round(root.scrollWidth / PITCH));
  if (!keepPaged) root.classList.remove('briefs-paged');
  return { articlePages, pushPx, pages };
}

/** Writes a layout into the page: contents page numbers and the 报尾's push (in points). */
export function applyLayout(articlePages: number[], pushPt: number): void {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.contents-page[data-article]'))) {
    const page = articlePages[Number(el.dataset.article) - 1];
    if (page) el.textContent = String(page);
  }
  const wrap = document.querySelector<HTMLElement>('.distribution-wrap');
  if (wrap) wrap.style.paddingTop = `${pushPt}pt`;
}
