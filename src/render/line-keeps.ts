/**
 * Where a line of text may not break, though Chromium would break it there: inside an address
 * (a URL, an e-mail address), and between a number and its unit, inside a date, a document
 * number or a short quoted term. The renderer (markdown.ts) applies them to the text it writes;
 * the stylesheet gives .keep and a link's <wbr>s their meaning. Pure.
 */
import type { Tokens } from 'marked';
import { escapeText } from './sanitize.js';

/**
 * What a line never parts, though Chromium would (it may break between a digit and a Han
 * character): a number with its unit or percent sign (30%, 3.5亿元, 12项), a date (2026年3月10日),
 * a document number (〔2015〕12号), a quoted term of four characters or fewer (“卡脖子”). Each is set in a
 * span that does not wrap. `html` is escaped text: none of these holds an entity.
 */
const KEEP_TOGETHER = new RegExp(
  [
    '[〔［\\[]\\d{4}[〕］\\]]\\d+号',
    '\\d{4}年(?:\\d{1,2}月(?:\\d{1,2}日)?)?',
    '\\d{1,2}月\\d{1,2}日',
    '\\d+(?:[.,]\\d+)*(?:%|‰|℃|[万亿]+[元美]*元?|[个名人项家所篇件次倍吨岁天元]|公里|千米|小时|分钟)',
    // A longer quotation moved whole leaves the line before it stretched letter by letter.
    '“[^“”<]{1,4}”',
  ].join('|'),
  'gu',
);

/** The text in pieces, each kept piece (a number with its unit, a date …) on its own: the Word edition's runs. */
export function keptPieces(text: string): { text: string; keep: boolean }[] {
  const out: { text: string; keep: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(KEEP_TOGETHER)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), keep: false });
    out.push({ text: m[0], keep: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), keep: false });
  return out;
}

export function keepTogether(html: string, punctuation: 'full' | 'kaiming' = 'full'): string {
  const kept = html.replace(KEEP_TOGETHER, (m) => `<span class="keep">${m}</span>`);
  return punctuation === 'kaiming' ? sentenceStops(kept) : kept;
}

/**
 * 开明式 halves every mark but the sentence's end: the stylesheet turns on the face's halt feature
 * for the whole text of a .punctuation-kaiming body, and these spans turn it off again for 。？！
 * (CSS cannot name characters, and Chromium takes no font-feature-settings in @font-face).
 */
function sentenceStops(html: string): string {
  return html.replace(/[。？！]+/gu, (m) => `<span class="stop">${m}</span>`);
}

/**
 * A link whose text is an address (a URL, an e-mail address) as printers break one: only after
 * a / or before . ? & = # - _ @, never between two letters or digits (…index.ht / ml). Each such
 * place is a <wbr>; the stylesheet lets the address break nowhere else unless a piece between
 * two of them is longer than a line.
 */
export function urlText(token: Tokens.Link): string | undefined {
  const only = token.tokens.length === 1 && token.tokens[0].type === 'text' ? token.text : undefined;
  if (only === undefined || !/^(https?:\/\/|mailto:|www\.|[\w.+-]+@[\w-]+\.)/i.test(only)) return undefined;
  return only
    .split(/(?<=\/)(?=[^/])|(?<=.)(?=[.?&=#_@-])/)
    .map(escapeText)
    .join('<wbr>');
}
