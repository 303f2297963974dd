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
 * Then two rules of pages without waste, which need the same cuts (issue 30):
 * 5. a report that would leave more than a third of the page before it empty sets its space
 *    above aside and stands directly under the text (closeGapsOverWaste);
 * 6. the 报尾 never stands alone on a page: the page before ends earlier, so that at least its
 *    last two lines of text go over with it (liftLinesToDistribution).
 * Returns how many things moved; a page laid out before is left alone. With the print's marks
 * in the page, each block and each of its references gets one (notes-K-pN, note-ref-K).
 */
export function placePageNotes(withNotes = true): number {
  const root = document.documentElement;
  const body = document.body;
  if (document.querySelector('.page-notes, .page-end')) return 0;
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
  const wrap = document.querySelector<HTMLElement>('.distribution-wrap');
  notes.sort((a, b) => (a.ref.compareDocumentPosition(b.ref) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));

  const hadPaged = root.classList.contains('briefs-paged');
  root.classList.add('briefs-paged');
  if (wrap) wrap.style.paddingTop = '0px';
  // A page's width, from the stylesheet's --page-width (layout/page.ts), in CSS px.
  const PITCH = (parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--page-width')) * 96) / 25.4;
  const style = getComputedStyle(body);
  const bodyBox = body.getBoundingClientRect();
  const left = bodyBox.left + window.scrollX;
  const top = bodyBox.top + window.scrollY + parseFloat(style.paddingTop);
  const height = body.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const width = body.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);

  interface Frag {
    page: number;
    top: number;
    bottom: number;
  }
  const frag = (r: DOMRect): Frag => ({
    page: Math.floor((r.left + window.scrollX - left + 1) / PITCH) + 1,
    top: r.top + window.scrollY - top,
    bottom: r.bottom + window.scrollY - top,
  });
  const frags = (el: Element): Frag[] =>
    Array.from(el.getClientRects())
      .filter((r) => r.width > 0 || r.height > 0)
      .map(frag);

  // What the flow is made of: blocks that never split, and paragraphs and list items, which
  // split between lines. A container of either is not a leaf; what is inside it is.
  const ATOMIC =
    'section.footnotes, .masthead, .article-head, .contents-entry, .topic-heading, h1, h2, h3, h4, h5, h6, tr, figure, .figure, pre, hr, .distribution-wrap, .page-notes';
  const HEADING = '.article-head, .topic-heading, h1, h2, h3, h4, h5, h6, thead tr';
  const leaves = (): Element[] =>
    Array.from(body.querySelectorAll(`${ATOMIC}, p, li`)).filter((el) => {
      if (el.parentElement?.closest(ATOMIC)) return false;
      if (el.matches(ATOMIC)) return true;
      return !el.querySelector(`${ATOMIC}, p, li`);
    });

  interface Line {
    page: number;
    top: number;
    bottom: number;
    node: Text;
    offset: number;
  }
  /** The lines of a paragraph, each with the place of its first character. */
  const linesOf = (el: Element): Line[] => {
    const out: Line[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = node.data;
      for (let i = 0; i < text.length;) {
        const step = text.codePointAt(i)! > 0xffff ? 2 : 1;
        range.setStart(node, i);
        range.setEnd(node, i + step);
        const r = Array.from(range.getClientRects()).find((x) => x.width > 0 && x.height > 0);
        if (r) {
          const f = frag(r);
          const last = out[out.length - 1];
          if (!last || f.page !== last.page || f.top >= last.bottom - 1) out.push({ ...f, node, offset: i });
          else last.bottom = Math.max(last.bottom, f.bottom);
        }
        i += step;
      }
    }
    return out;
  };

  /** A place in the document: before `node`'s child `offset`, or in a text at `offset`. */
  interface Point {
    node: Node;
    offset: number;
    /** The paragraph cut between two of its lines. */
    inside?: Element;
  }
  const before = (el: Element): Point => ({ node: el.parentNode!, offset: Array.from(el.parentNode!.childNodes).indexOf(el) });
  const after = (el: Element): Point => ({ node: el.parentNode!, offset: Array.from(el.parentNode!.childNodes).indexOf(el) + 1 });
  const isBefore = (a: Node, p: Point): boolean => {
    const range = document.createRange();
    range.setStart(p.node, p.offset);
    return range.comparePoint(a, 0) < 0;
  };

  /**
   * Where page `page` must end for its text to stop above `limit` (px from the top of the
   * block), the keeps honoured. `last` is set when nothing of the flow but the 报尾 follows.
   */
  const cutAt = (page: number, limit: number): { at: Point; last: boolean } => {
    const all = leaves();
    let prev: Element | undefined;
    for (let i = 0; i < all.length; i++) {
      const el = all[i];
      const fs = frags(el);
      if (!fs.length || fs[fs.length - 1].page < page) continue;
      const f = fs.find((x) => x.page === page);
      if (f && f.bottom <= limit + 0.5 && !(fs.length > 1 && fs[fs.length - 1].page > page)) {
        prev = el;
        continue;
      }
      if (el.matches('.distribution-wrap')) return { at: before(el), last: true };
      if (f && !el.matches(ATOMIC)) {
        const lines = linesOf(el);
        let j = lines.findIndex((l) => l.page > page || (l.page === page && l.bottom > limit + 0.5));
        if (j < 0) j = lines.length;
        const onPage = lines.slice(0, j).filter((l) => l.page === page).length;
        const startsHere = lines.length > 0 && lines[0].page === page;
        // No line alone at the head of the next page, nor alone at the foot of this one.
        if (j === lines.length - 1 && onPage >= 3) j--;
        if (onPage > 0 && !(startsHere && j < 2) && j < lines.length) {
          return { at: { node: lines[j].node, offset: lines[j].offset, inside: el }, last: false };
        }
      }
      // Before this leaf; a heading before it goes along.
      let k = i;
      while (k > 0 && all[k - 1].matches(HEADING) && frags(all[k - 1]).some((x) => x.page === page)) k--;
      return { at: before(all[k]), last: false };
    }
    return { at: prev ? after(prev) : { node: body, offset: body.childNodes.length }, last: true };
  };

  /**
   * Cuts the tree at `p` up to the nearest container of the flow (`stop`): each element on
   * the way is cloned and the clone takes what follows the cut. Returns the node of `stop` that
   * the cut now stands before, and the halves made, innermost first, for `mend`.
   */
  const cut = (p: Point): { stop: Node; next: Node | null; halves: [Element, Element, string][] } => {
    const halves: [Element, Element, string][] = [];
    const marker = document.createTextNode('');
    const range = document.createRange();
    range.setStart(p.node, p.offset);
    range.insertNode(marker);
    // A cut at the start or the end of an element is a cut before or after it: no empty halves.
    // The marks (print marks, out of the flow) count as nothing.
    const bare = (n: Node | null, way: 'previousSibling' | 'nextSibling'): boolean => {
      for (; n; n = n[way]) if (n instanceof Element ? !n.classList.contains('mark') : n.textContent?.trim()) return false;
      return true;
    };
    while (marker.parentNode !== body && marker.parentNode?.parentNode) {
      const parent = marker.parentNode;
      if (bare(marker.previousSibling, 'previousSibling')) parent.parentNode!.insertBefore(marker, parent);
      else if (bare(marker.nextSibling, 'nextSibling')) parent.parentNode!.insertBefore(marker, parent.nextSibling);
      else break;
    }
    // The block stands in the nearest container of the flow: inside an article's body, between
    // articles, never inside a paragraph, a list, a table or a quotation (those are cut).
    const stop: Node = marker.parentElement!.closest('.article-body, .editor-note, article, .topic, main, body')!;
    let cur: Node = marker;
    while (cur.parentNode && cur.parentNode !== stop) {
      const parent = cur.parentNode as Element;
      const clone = parent.cloneNode(false) as Element;
      clone.removeAttribute('id');
      for (let n: Node | null = cur; n;) {
        const next: Node | null = n.nextSibling;
        clone.appendChild(n);
        n = next;
      }
      parent.after(clone);
      halves.push([parent, clone, parent.className]);
      // A table goes on under its head row, as it does over a page break of its own.
      if (parent instanceof HTMLTableElement && parent.tHead) clone.prepend(parent.tHead.cloneNode(true));
      if (parent instanceof HTMLOListElement) clone.setAttribute('start', String(parent.start + parent.querySelectorAll(':scope > li').length));
      if (parent === p.inside) {
        parent.classList.add('split-head');
        clone.classList.add('split-tail');
      } else clone.classList.add('split-more');
      cur = clone;
    }
    const next = cur === marker ? marker.nextSibling : cur;
    marker.remove();
    return { stop, next, halves };
  };
  /** Undoes a cut: each clone's content goes back to the end of its original. */
  const mend = (halves: [Element, Element, string][]) => {
    for (const [head, tail, className] of halves.slice().reverse()) {
      if (tail instanceof HTMLTableElement && tail.tHead) tail.tHead.remove();
      while (tail.firstChild) head.appendChild(tail.firstChild);
      tail.remove();
      head.className = className;
      if (!className) head.removeAttribute('class');
      head.normalize();
    }
  };

  /**
   * What follows a forced break starts the next page keeping its top margin (a natural break
   * drops it): dropped here, down its first children, as the break would. Returns what it zeroed.
   */
  const dropMarginsAfter = (made: Element): HTMLElement[] => {
    const zeroed: HTMLElement[] = [];
    for (let el = made.nextElementSibling; el instanceof HTMLElement; el = Array.from(el.children).find((c) => !c.classList.contains('mark')) ?? null) {
      if (parseFloat(getComputedStyle(el).marginTop) !== 0) {
        zeroed.push(el);
        el.style.marginTop = '0px';
      }
    }
    return zeroed;
  };

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
    for (const el of Array.from(body.querySelectorAll<HTMLElement>('.topic-heading, .article'))) {
      // A report under its topic's heading moves with the heading.
      if (el.matches('.topic-heading + .article') || !parseFloat(getComputedStyle(el).marginTop)) continue;
      const head = el.matches('.article') ? el.querySelector('.article-head') : el;
      const at = head ? frags(head) : [];
      if (!at.length) continue;
      const page = at[0].page;
      const prior = leaves()
        .filter((l) => !l.contains(el) && !el.contains(l) && l.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
        .pop();
      const end = prior ? frags(prior).pop() : undefined;
      if (!end || end.page !== page - 1 || height - end.bottom <= height / 3) continue;
      el.style.marginTop = '0px';
      if (frags(head!)[0]?.page === page - 1) closed++;
      else el.style.marginTop = '';
    }
    return closed;
  };

  /** A notes block pushed down by a margin to the foot of its page, half a pixel short so rounding never tips it over. */
  const pushToFoot = (block: HTMLElement, page: number) => {
    let margin = 0;
    for (let round = 0; round < 3; round++) {
      const here = frags(block).find((x) => x.page === page);
      const short = here ? height - 0.5 - here.bottom : 0;
      if (Math.abs(short) < 0.25) break;
      margin = Math.max(0, margin + short);
      block.style.marginTop = `${margin}px`;
    }
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
  const closed = closeGapsOverWaste();
  const lifted = wrap ? liftLinesToDistribution(wrap) : 0;
  if (!hadPaged) root.classList.remove('briefs-paged');
  return moved + closed + lifted;
}
