/**
 * The author line under a title: （中国科学院院士、中国科学院某研究所研究员 张三；某大学教授 李四）.
 * As text for metadata, and as HTML in which a line may break only where a typesetter would.
 * Pure.
 */
import type { Author } from '../content/model.js';
import { widthEm } from '../layout/title-lines.js';
import { escapeText } from './sanitize.js';
import { AUTHOR_LINE_EMS } from '../layout/page.js';

/**
 * Honours such as 院士 come
 * first, then the affiliation joined to the post it qualifies.
 */
export function authorLine(authors: readonly Author[]): string {
  return `（${authorParts(authors)
    .map((p) => [p.description.join('、'), p.name].filter(Boolean).join(' '))
    .join('；')}）`;
}

function authorParts(authors: readonly Author[]): { description: string[]; name: string }[] {
  return authors.map((a) => {
    const titles = (a.title ?? '').split('、').filter(Boolean);
    const honours = titles.filter((t) => /院士$/.test(t));
    const posts = titles.filter((t) => !/院士$/.test(t)).join('、');
    const qualified = a.affiliation ? `${a.affiliation}${posts}` : posts;
    return { description: [...honours, qualified].filter(Boolean), name: a.name };
  });
}

/** Ems in a line of the author line: 三号 楷体 on the 156 mm text block. */

/**
 * The author line cut where a typesetter may break it: between authors (after ；) and between
 * the parts of a description (after 、). A name is never a piece of its own: it stays with the
 * last part of its description (某研究院战略研究所 刘䶮；), so it never opens a line parted from
 * the description it belongs to and reads as the next author's. Each author is a list of pieces;
 * the brackets cling to the first and last.
 */
export function authorPieces(authors: readonly Author[]): string[][] {
  return authorParts(authors).map((p, i, all) => {
    const parts = p.description.map((d, k) => (k < p.description.length - 1 ? `${d}、` : d));
    if (p.name) {
      if (parts.length > 0) parts[parts.length - 1] += ` ${p.name}`;
      else parts.push(p.name);
    }
    if (i === 0) parts[0] = `（${parts[0]}`;
    parts[parts.length - 1] += i === all.length - 1 ? '）' : '；';
    return parts;
  });
}

/**
 * The author line's lines when it must wrap: each author on a line of their own (their pieces
 * still break at 、 when one alone is too long); on one line when it fits.
 */
export function authorLines(authors: readonly Author[], measure = AUTHOR_LINE_EMS): string[] {
  const line = authorLine(authors);
  if (widthEm(line) <= measure) return [line];
  return authorPieces(authors).map((pieces) => pieces.join(''));
}

/**
 * The author line as HTML in which a line may break only at the pieces' edges: each piece is a
 * span that does not wrap, so 周海涛 or 某大学物理学院 is never cut, and when the whole line does
 * not fit, each author starts a line of their own.
 */
export function authorHtml(authors: readonly Author[]): string {
  const own = authorLines(authors).length > 1;
  // A piece longer than the line itself (a very long unit's name) may wrap inside, as text does.
  const piece = (text: string) => `<span class="author-piece${widthEm(text) > AUTHOR_LINE_EMS ? ' author-piece-long' : ''}">${escapeText(text)}</span>`;
  return authorPieces(authors)
    .map((pieces) => pieces.map(piece).join(''))
    .join(own ? '<br>' : '');
}
