/**
 * marked's lexer with two bounds a submission cannot cross: an HTML block opened by <script>,
 * <style>, <textarea> or <pre> ends at its first blank line, and a run of inline text longer
 * than MAX_INLINE is not parsed inline (marked's inline rules are quadratic on some text) but
 * kept as plain text and reported. Pure.
 */
import { Lexer, Marked, type Token } from 'marked';
import { MAX_INLINE } from '../content/prose.js';

/** marked's own options, without extensions: for lexing alone. */
export const PLAIN = new Marked({ gfm: true, async: false }).defaults;

export class BoundedLexer extends Lexer {
  readonly overlong: string[] = [];
  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (src.length <= MAX_INLINE) return super.inlineTokens(src, tokens);
    this.overlong.push(src);
    tokens.push({ type: 'text', raw: src, text: src, escaped: false });
    return tokens;
  }
}

/**
 * CommonMark lets an HTML block opened by <script>, <style>, <textarea> or <pre> run to its
 * closing tag or the end of the text: one unclosed <script> would swallow the rest of the
 * article. briefs ends such a block at its first blank line instead, by lexing again with the
 * closing tag written there (on the same line, so line numbers stay right).
 */
export function lexBounded(marked: Marked, source: string): { tokens: Token[]; text: string; overlong: string[] } {
  let text = source;
  // Finding the blocks to end needs the block structure only, not the (costlier) inline pass,
  // and no extensions: marked-footnote keeps state between lexers until its walkTokens runs.
  // Nearly every text has none of those tags: then there is nothing to end.
  const mayOpen = /<(?:script|style|textarea|pre)(?=[\s>]|$)/i.test(text);
  for (let round = 0; mayOpen && round < 100; round++) {
    const blocks = new Lexer(PLAIN).blockTokens(text);
    let cursor = 0;
    let fixed = false;
    for (const token of blocks) {
      const raw = token.raw ?? '';
      const at = raw ? text.indexOf(raw, cursor) : -1;
      if (at !== -1) cursor = at + raw.length;
      const open = token.type === 'html' ? /^ {0,3}<(script|style|textarea|pre)(?=[\s>]|$)/i.exec(raw) : null;
      if (!open || at === -1 || new RegExp(`</${open[1]}\\s*>`, 'i').test(raw)) continue;
      const blank = /\n[ \t]*\n/.exec(raw);
      if (!blank) continue;
      const end = at + blank.index;
      text = `${text.slice(0, end)}</${open[1].toLowerCase()}>${text.slice(end)}`;
      fixed = true;
      break;
    }
    if (!fixed) break;
  }
  const lexer = new BoundedLexer(marked.defaults);
  return { tokens: lexer.lex(text), text, overlong: lexer.overlong };
}
