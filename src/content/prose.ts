/**
 * Which characters of a Markdown text are prose, as the Markdown parser sees it: the text of
 * paragraphs, headings, list items, quotes, table cells, emphasis and link texts. Not prose:
 * code blocks (fenced, however long the fence, or indented), code spans (``a`b`` included), raw
 * HTML (tags with their attributes, <pre> and <code> blocks, comments), link and image targets,
 * images, escapes. `briefs fix` changes only prose, and validate reports only what fix would
 * change. Pure.
 *
 * marked gives tokens with their source (`raw`) but not their offsets; the leaves are met in
 * the order of the text, so each is found by searching forward from the one before, a line of
 * it at a time (a list item's or a quote's lines are given back without their indentation or
 * ">"). A piece that cannot be found is not prose: fix then changes less, never more.
 */
import { Lexer, Tokenizer, type Token, type Tokens } from 'marked';

/**
 * The longest run of inline text (a paragraph, a heading, a table cell) read as Markdown, here
 * and when an issue is rendered (render/markdown.ts): marked's inline matching takes time
 * quadratic in a run's length (200,000 characters of "_a" took 21 s), so a longer run is taken
 * as plain text, which is how it prints.
 */
export const MAX_INLINE = 10_000;

/** Emphasis only wraps prose in prose; not matching it spares the quadratic part of marked. */
class ProseTokenizer extends Tokenizer {
  override emStrong(): undefined {
    return undefined;
  }
  override del(): undefined {
    return undefined;
  }
}

class ProseLexer extends Lexer {
  constructor() {
    super({ gfm: true, tokenizer: new ProseTokenizer() });
  }
  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (src.length <= MAX_INLINE) return super.inlineTokens(src, tokens);
    tokens.push({ type: 'text', raw: src, text: src, escaped: false });
    return tokens;
  }
}

/** Leaves of the token tree in text order, each prose or not. */
function* leaves(tokens: readonly Token[]): Generator<{ raw: string; prose: boolean; html?: boolean }> {
  for (const t of tokens) {
    switch (t.type) {
      case 'html':
        yield { raw: t.raw, prose: false, html: true };
        break;
      case 'code':
      case 'codespan':
      case 'image':
      case 'escape':
      case 'hr':
      case 'def':
      case 'br':
      case 'space':
        yield { raw: t.raw, prose: false };
        break;
      case 'table': {
        const table = t as Tokens.Table;
        for (const cell of table.header) yield* leaves(cell.tokens);
        for (const row of table.rows) for (const cell of row) yield* leaves(cell.tokens);
        break;
      }
      case 'list':
        yield* leaves((t as Tokens.List).items);
        break;
      case 'link': {
        // [text](target "title") or [text][ref]: the text is prose, the rest is not. An
        // autolink or a bare URL is all target.
        const link = t as Tokens.Link;
        if (link.raw.startsWith('[')) {
          yield* leaves(link.tokens);
          yield { raw: link.raw.slice(link.raw.lastIndexOf(']')), prose: false };
        } else yield { raw: link.raw, prose: false };
        break;
      }
      case 'text':
        if ('tokens' in t && t.tokens) yield* leaves(t.tokens);
        else yield { raw: t.raw, prose: true };
        break;
      default:
        // paragraph, heading, blockquote, list_item, strong, em, del
        if ('tokens' in t && Array.isArray(t.tokens)) yield* leaves(t.tokens);
        else if (t.raw) yield { raw: t.raw, prose: false };
    }
  }
}

const VERBATIM = 'code|pre|kbd|samp|var|tt|script|style|textarea';
const VERBATIM_OPEN = new RegExp(`^<(?:${VERBATIM})(?:\\s[^>]*)?>$`, 'i');
const VERBATIM_CLOSE = new RegExp(`^</(?:${VERBATIM})\\s*>$`, 'i');

/** A mask over `text`: 1 where a character is prose. */
export function proseMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let tokens: Token[];
  try {
    tokens = new ProseLexer().lex(text);
  } catch {
    return mask;
  }
  let cursor = 0;
  // Inside an inline <code>, <kbd> … the text is code, though marked gives it as text.
  let verbatim = 0;
  for (const leaf of leaves(tokens)) {
    if (leaf.html && VERBATIM_OPEN.test(leaf.raw)) verbatim++;
    else if (leaf.html && VERBATIM_CLOSE.test(leaf.raw)) verbatim = Math.max(0, verbatim - 1);
    for (const line of leaf.raw.split('\n')) {
      const piece = line.replace(/^[ \t>]+/, '');
      if (!piece) continue;
      const at = text.indexOf(piece, cursor);
      if (at === -1) continue;
      if (leaf.prose && verbatim === 0) mask.fill(1, at, at + piece.length);
      cursor = at + piece.length;
    }
  }
  return mask;
}
