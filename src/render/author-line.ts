/**
 * The author line under a title: （中国科学院院士、中国科学院某研究所研究员 张三；某大学教授 李四）.
 * As text for metadata, and as HTML in which a line may break only where a typesetter would.
 * Pure.
 */
import type { Author } from '../content/model.js';
import { escapeText } from './sanitize.js';

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

/**
 * The author line as HTML in which a line may break only between authors, between the parts
 * of a description (after 、) and between a description and its name: each piece is a span
 * that does not wrap, so 周海涛 or 某大学物理学院 is never cut. The brackets cling to the
 * first and last pieces.
 */
export function authorHtml(authors: readonly Author[]): string {
  const pieces: string[] = [];
  authorParts(authors).forEach((p, i, all) => {
    const parts = [...p.description.map((d, k) => (k < p.description.length - 1 ? `${d}、` : d)), p.name].filter(Boolean);
    parts.forEach((text, k) => {
      const open = i === 0 && k === 0 ? '（' : '';
      const close = k === parts.length - 1 ? (i === all.length - 1 ? '）' : '；') : '';
      const gap = k < parts.length - 1 && k === parts.length - 2 && p.name && p.description.length ? ' ' : '';
      pieces.push(`<span class="author-piece">${escapeText(open + text + close)}</span>${gap}`);
    });
  });
  return pieces.join('');
}
