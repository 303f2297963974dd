/**
 * Runs inside the page (it is serialised: no imports, no closures), after the notes are set at
 * the foot of their pages (page-notes.ts), with the same cutter (page-cutter.ts). Two rules of
 * pages without waste:
 * 1. in a bulletin whose articles follow on, a report that would leave more than a third of the
 *    page before it empty sets its space above aside and stands directly under the text;
 * 2. the 报尾 never stands alone on a page: the page before ends earlier, so that at least its
 *    last two lines of text go over with it, and notes set over the 报尾 stay on their page.
 * Returns how many things moved; a page laid out before is left alone.
 */
import type { PageCutter } from './page-cutter.js';

export function applyPageRules(): number {
  const root = document.documentElement;
  const body = document.body;
  if (body.dataset.pageRules === 'done') return 0;
  body.dataset.pageRules = 'done';
  const wrap = document.querySelector<HTMLElement>('.distribution-wrap');
  const hadPaged = root.classList.contains('briefs-paged');
  root.classList.add('briefs-paged');
  if (wrap) wrap.style.paddingTop = '0px';
  const { frags, leaves, linesOf, cutAt, cut, isBefore, dropMarginsAfter, pushToFoot, height, ATOMIC } = (
    globalThis as unknown as { briefsPageCutter: () => PageCutter }
  ).briefsPageCutter();

  /**
   * The 报尾 never stands alone on a page: when it does not fit under the text of the page
   * before, the page ends earlier, so that at least the last two lines of text go over with it
   * (no line left alone at either side: cutAt's rules). GB/T 9704 allows a page of 版记 alone
   * only as a last resort, which is when nothing of the text can go: a page that ends in a
   * table row or a figure moves that block whole. Returns 1 when it cut, else 0.
   */
  const liftLinesToDistribution = (block: HTMLElement): number => {
    const at = frags(block);
    const page = at.length ? at[0].page : 0;
    if (page < 2) return 0;
    const flow = leaves().filter((el) => el !== block && !block.contains(el));
    if (flow.some((el) => frags(el).some((f) => f.page === page))) return 0;
    // The page before may end in its notes, set there to stand over the 报尾: they stay on their
    // page, at its foot, and end it; the text's last lines go over.
    const notesBlock = flow.filter((el) => el.matches('.page-notes') && frags(el).some((f) => f.page === page - 1)).pop() as HTMLElement | undefined;
    const before = flow.filter((el) => !el.matches('.page-notes') && frags(el).some((f) => f.page === page - 1)).pop();
    if (!before) return 0;
    const onPage = frags(before).filter((f) => f.page === page - 1);
    const lines = before.matches(ATOMIC) ? [] : linesOf(before).filter((l) => l.page === page - 1);
    const limit = lines.length >= 2 ? lines[lines.length - 2].top : onPage[0].top;
    const { at: point } = cutAt(page - 1, limit);
    if (notesBlock) {
      // A reference on a line that would go over takes its note's page with it: no lift then.
      const ids = Array.from(notesBlock.querySelectorAll('li[id]')).map((li) => li.id);
      const refs = ids.flatMap((id) => Array.from(document.querySelectorAll(`a[href="#${CSS.escape(id)}"]`)).filter((a) => !a.closest('.page-notes')));
      if (refs.some((ref) => !isBefore(ref, point))) return 0;
    }
    const { stop, next } = cut(point);
    if (notesBlock) {
      notesBlock.classList.remove('page-notes-last');
      notesBlock.style.marginTop = '0px';
      stop.insertBefore(notesBlock, next);
      dropMarginsAfter(notesBlock);
      pushToFoot(notesBlock, page - 1);
      return 1;
    }
    const end = document.createElement('div');
    end.className = 'page-end';
    stop.insertBefore(end, next);
    dropMarginsAfter(end);
    return 1;
  };

  /**
   * In a bulletin whose articles follow on, a report (or a topic's first, under its heading) that
   * does not fit under the text before it, with its title, author line and first two lines, may
   * leave more than a third of that page empty. Then its space above goes: set directly under the
   * text, it fits, and the page is full (the space would have gone anyway at the head of the next
   * page). Where even that does not fit, the keeps win: a title is never left at a page's foot
   * without its text. Returns how many gaps it closed.
   */
  const closeGapsOverWaste = (): number => {
    if (body.classList.contains('article-break-page')) return 0;
    let closed = 0;
    // The leaves stay the same leaves as margins change; only where they fall moves.
    const all = leaves();
    for (const el of Array.from(body.querySelectorAll<HTMLElement>('.topic-heading, .article'))) {
      // A report under its topic's heading moves with the heading.
      if (el.matches('.topic-heading + .article') || !parseFloat(getComputedStyle(el).marginTop)) continue;
      const head = el.matches('.article') ? el.querySelector('.article-head') : el;
      const at = head ? frags(head) : [];
      if (!at.length) continue;
      const page = at[0].page;
      const prior = all.filter((l) => !l.contains(el) && !el.contains(l) && l.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
      const end = prior ? frags(prior).pop() : undefined;
      if (!end || end.page !== page - 1 || height - end.bottom <= height / 3) continue;
      el.style.marginTop = '0px';
      if (frags(head!)[0]?.page === page - 1) closed++;
      else el.style.marginTop = '';
    }
    return closed;
  };

  const closed = closeGapsOverWaste();
  const lifted = wrap ? liftLinesToDistribution(wrap) : 0;
  if (!hadPaged) root.classList.remove('briefs-paged');
  return closed + lifted;
}
