/**
 * Runs inside the page (it is serialised: no imports, no closures). Chromium prints no footnote
 * area (`float: footnote` is a GCPM draft no browser implements), so briefs sets one: each note
 * goes to the foot of the page that holds its reference, under a short rule, as a typesetter
 * sets 脚注. Laid out as pages (html.briefs-paged: columns one text block in size, broken as the
 * print breaks them), for each page with references, in order:
 * 1. the notes that page refers to are measured at the text block's width;
 * 2. the flow is cut where the text would run into them: between two lines of a paragraph or a
 *    list item (the head's last line justified, the tail unindented), or before anything that
 *    never splits (a title, a table row, a figure, the 报尾). A heading goes with what follows
 *    it; a paragraph leaves no single line at the foot of the page nor at the head of the next;
 * 3. a reference the cut moves to the next page takes its note with it; a reference whose own
 *    line cannot stand with its note starts the next page;
 * 4. the notes block is set at the cut, pushed down to the foot, and ends the page.
 * On the page of the 报尾 the notes stand over it, and the 报尾's push (paginate.ts) puts both
 * at the foot. A note taller than a third of the text block stays at the end of its article.
 * The cutting is page-cutter.ts's, shared with the rules of pages without waste (page-rules.ts).
 * Returns how many notes moved; a page laid out before is left alone. With the print's marks
 * in the page, each block and each of its references gets one (notes-K-pN, note-ref-K).
 */
import type { PageCutter } from './page-cutter.js';

export function placePageNotes(withNotes = true): number {
  const root = document.documentElement;
  const body = document.body;
  if (document.querySelector('.page-notes')) return 0;
  interface Note {
    li: HTMLLIElement;
    ref: HTMLElement;
    n: number;
  }
  const notes: Note[] = [];
  const movable = withNotes && !body.classList.contains('notes-end') ? Array.from(document.querySelectorAll('section.footnotes ol')) : [];
  for (const ol of movable) {
    Array.from(ol.children).forEach((li, i) => {
      if (!(li instanceof HTMLLIElement) || !li.id) return;
      // Numbered as written: the notes left at the end keep their numbers when others leave.
      li.value = i + 1;
      const ref = Array.from(document.querySelectorAll<HTMLElement>(`a[href="#${CSS.escape(li.id)}"]`)).find((a) => !a.closest('section.footnotes'));
      if (ref) notes.push({ li, ref: ref.closest('sup') ?? ref, n: i + 1 });
    });
  }
  // Most issues have no notes: nothing to lay out then.
  if (!notes.length) return 0;
  const wrap = document.querySelector<HTMLElement>('.distribution-wrap');
  notes.sort((a, b) => (a.ref.compareDocumentPosition(b.ref) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));

  const hadPaged = root.classList.contains('briefs-paged');
  root.classList.add('briefs-paged');
  if (wrap) wrap.style.paddingTop = '0px';
  const { frags, frag, cutAt, cut, mend, isBefore, dropMarginsAfter, pushToFoot, height, width, style } = (
    globalThis as unknown as { briefsPageCutter: () => PageCutter }
  ).briefsPageCutter();

  /**
   * The notes' block, with copies of the notes (ids too: they are the references' targets);
   * the notes themselves leave their article's list once the block has found its place.
   */
  const makeBlock = (set: Note[]): HTMLElement => {
    const block = document.createElement('aside');
    block.className = 'page-notes';
    block.setAttribute('aria-label', '注释');
    const ol = document.createElement('ol');
    for (const note of set) {
      const li = note.li.cloneNode(true) as HTMLLIElement;
      li.value = note.n;
      ol.append(li);
    }
    block.append(ol);
    return block;
  };
  const measure = (set: Note[]): number => {
    const block = makeBlock(set);
    block.removeAttribute('id');
    block.style.position = 'absolute';
    block.style.visibility = 'hidden';
    block.style.width = `${width}px`;
    body.append(block);
    const h = block.getBoundingClientRect().height;
    block.remove();
    return h;
  };
  const pageOfRef = (note: Note) => {
    const fs = frags(note.ref);
    return fs.length ? fs[0].page : 0;
  };

  let moved = 0;
  let emptyCuts = 0;
  let blocks = 0;
  const marking = document.querySelector('a.mark') !== null;
  let todo = notes.slice();
  while (todo.length) {
    const page = pageOfRef(todo[0]);
    if (!page) {
      todo.shift();
      continue;
    }
    let set = todo.filter((n) => pageOfRef(n) === page);
    // Notes too tall for a foot stay where marked-footnote put them.
    const tall = set.filter((n) => measure([n]) > height / 3);
    set = set.filter((n) => !tall.includes(n));
    todo = todo.filter((n) => !tall.includes(n));
    if (!set.length) continue;
    // Each reference the cut leaves for the next page takes its note along, and the cut may
    // then come no later than its line (the smaller block would leave it room otherwise). A
    // block that does not fit where it was set (what closes there, a table's border or a
    // list's margin, took room) is taken out, the cut mended, and set higher.
    let cap = Infinity;
    let block: HTMLElement | undefined;
    for (let tries = 0; ;) {
      const limit = Math.min(cap, set.length ? height - measure(set) : cap);
      const { at, last } = cutAt(page, limit);
      const out = set.find((n) => !isBefore(n.ref, at));
      if (out) {
        const first = out.ref.getClientRects()[0];
        cap = Math.min(cap, first ? frag(first).top : 0);
        set = set.slice(0, set.indexOf(out));
        // The first reference cannot stand with its note: its line starts the next page. On
        // the first line of a page already, the note stays at the end of its article.
        if (!set.length && (cap < parseFloat(style.lineHeight) || ++emptyCuts > notes.length)) break;
        continue;
      }
      const { stop, next, halves } = cut(at);
      const made = makeBlock(set);
      if (!set.length) made.classList.add('page-notes-empty');
      if (last) made.classList.add('page-notes-last');
      stop.insertBefore(made, next);
      const zeroed = last ? [] : dropMarginsAfter(made);
      const fs = frags(made);
      const here = fs.find((x) => x.page === page);
      if ((here && fs.length === 1 && here.bottom <= height + 0.5) || ++tries > 6) {
        block = made;
        break;
      }
      const above = made.previousElementSibling && frags(made.previousElementSibling).find((x) => x.page === page);
      const over = (here ? here.bottom : (above?.bottom ?? limit) + made.getBoundingClientRect().height) - height;
      made.remove();
      for (const el of zeroed) el.style.marginTop = '';
      mend(halves);
      cap = limit - Math.max(4, over);
    }
    if (!block) {
      todo.shift();
      continue;
    }
    const placed = set;
    for (const note of placed) note.li.remove();
    for (const section of Array.from(document.querySelectorAll('section.footnotes'))) {
      if (!section.querySelector('li')) section.remove();
    }
    // Pushed to the foot of its page, half a pixel short so rounding never tips it over. The
    // margin collapses with the one above it (a table's, a list's), so it is measured again.
    if (!(block.classList.contains('page-notes-last') && wrap && frags(wrap).some((x) => x.page === page))) pushToFoot(block, page);
    // In a print, marks say where the block and its references came out (print-issue.ts
    // checks them against the page they were set for).
    if (marking) {
      const k = ++blocks;
      const mark = (name: string, bottom: boolean) => {
        const a = document.createElement('a');
        a.className = bottom ? 'mark mark-bottom' : 'mark';
        a.href = `https://briefs.invalid/mark/${name}`;
        a.setAttribute('aria-hidden', 'true');
        return a;
      };
      block.append(mark(`notes-${k}-p${page}${block.classList.contains('page-notes-last') ? '-last' : ''}`, true));
      for (const note of placed) note.ref.before(mark(`note-ref-${k}`, false));
    }
    moved += placed.length;
    todo = todo.filter((n) => !placed.includes(n));
  }
  if (!hadPaged) root.classList.remove('briefs-paged');
  return moved;
}
