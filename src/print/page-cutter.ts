/**
 * Runs inside the page (it is serialised: no imports, no closures). What the page's rules share
 * (page-notes.ts for the notes at each page's foot, page-rules.ts for pages without waste): with
 * html.briefs-paged the body is laid out as columns one text block in size, broken as the print
 * breaks them (templates/styles/paged.css), and this reads where everything fell, finds where a
 * page must end for its text to stop above a line (the keeps honoured), and cuts the tree there.
 * The print and the preview install it as globalThis.briefsPageCutter before either rule runs.
 */
function pageCutter() {
  const body = document.body;
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

  return { style, height, width, frag, frags, ATOMIC, HEADING, leaves, linesOf, before, after, isBefore, cutAt, cut, mend, dropMarginsAfter, pushToFoot };
}

/** What a rule gets of the cutter. */
export type PageCutter = ReturnType<typeof pageCutter>;

/** The expression that installs the cutter in a page, for page.evaluate and the preview's script. */
export const installPageCutter = (): string => `globalThis.briefsPageCutter = ${pageCutter.toString()};`;
