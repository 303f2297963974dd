/**
 * Markdown → HTML for one submission body or editor's note. Pure: files are reached only through
 * `resolveImage`, which the caller provides. marked renders each top-level block, raw HTML and
 * all; then sanitize-html cleans that block's HTML (see sanitize.ts), so what an expert wrote as
 * code stays text and an unclosed tag ends with its block. Links keep only http(s), mailto and
 * in-issue targets; footnote ids carry the article's prefix so that articles never share an id.
 */
import { MAX_INLINE } from '../content/prose.js';
import { Marked, type Token, type Tokens } from 'marked';
import markedFootnote from 'marked-footnote';
import type { Diagnostic } from '../messages/diagnostic.js';
import { lineIndex } from '../content/lines.js';
import { BoundedLexer, lexBounded, PLAIN } from './bounded-lexer.js';
import { keepTogether, urlText } from './line-keeps.js';
import { escapeText, MAX_TAG_DEPTH, safeHref, sanitizeBlock, tagDepth } from './sanitize.js';
import type { Code } from '../messages/catalogue.js';
import { diagnostic, type Variant } from '../messages/say.js';

/** An image's URL, or the problem with it: its code, the values its wording names (besides src), and which wording. */
export type ImageResolution = { url: string } | { [C in ImageCode]: { code: C; data: Record<string, string | number>; variant?: Variant<C> } }[ImageCode];
type ImageCode = 'remote-image' | 'image-outside-workspace' | 'image-type' | 'image-missing' | 'image-too-large';

export interface MarkdownInput {
  markdown: string;
  /** File the Markdown came from (workspace-relative), and the file line of its first line. */
  file: string;
  firstLine: number;
  /** Prefix of every id the HTML defines, e.g. "a2-". */
  idPrefix: string;
  resolveImage(src: string): ImageResolution;
  /** The bulletin's punctuation style: kaiming marks each sentence's end for the stylesheet. */
  punctuation?: 'full' | 'kaiming';
}

/**
 * Markdown nested thousands deep (10,000 ">" or 20,000 "*") overflows the parser's stack. It is
 * caught here, per file, as a diagnostic that keeps the file's issue from printing; no other
 * file or issue is touched.
 */
export function renderMarkdown(input: MarkdownInput, diagnostics: Diagnostic[]): string {
  const before = diagnostics.length;
  try {
    return glueNoteRefs(renderBlocks(input, diagnostics), input.idPrefix);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    diagnostics.length = before;
    diagnostics.push(tooDeep(input.file, input.firstLine));
    return '';
  }
}

/**
 * What rendering `input` would report, for validate's check of every text. Only a text with a
 * "<", a "[", an "@" or a "://" can hold an image, raw HTML or a link (GFM makes links of bare
 * ftp:// and xmpp: addresses, which are refused), the problems the render finds; any other
 * is lexed alone, for its overlong paragraphs, which is most of validate's 10,000 texts and a
 * fifth of its time. A text nested deeper than the lexer alone shows safe is rendered anyway,
 * so that depth is judged as generate will judge it.
 */
export function checkMarkdown(input: Omit<MarkdownInput, 'idPrefix'>, diagnostics: Diagnostic[]): void {
  const render = () => void renderMarkdown({ ...input, idPrefix: 'check-' }, diagnostics);
  if (/[<[@]|:\/\//.test(input.markdown)) return render();
  let lexer: BoundedLexer;
  let tokens: Token[];
  try {
    lexer = new BoundedLexer(PLAIN);
    tokens = lexer.lex(input.markdown);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    diagnostics.push(tooDeep(input.file, input.firstLine));
    return;
  }
  if (depth(tokens) > LEXED_SAFE_DEPTH) return render();
  overlongProblems(lexer.overlong, input.markdown, lineIndex(input.markdown, input.firstLine), input.file, diagnostics);
}

/** Nesting a lexed text may have and still be judged without rendering it (real text nests a few levels). */
const LEXED_SAFE_DEPTH = 50;

function depth(tokens: readonly Token[]): number {
  let most = 0;
  for (const t of tokens) {
    const inner = [...('tokens' in t && Array.isArray(t.tokens) ? t.tokens : []), ...('items' in t && Array.isArray(t.items) ? (t.items as Token[]) : [])];
    if (inner.length > 0) most = Math.max(most, 1 + depth(inner));
  }
  return most;
}

function overlongProblems(runs: readonly string[], source: string, lineAt: (offset: number) => number, file: string, diagnostics: Diagnostic[]): void {
  let from = 0;
  for (const run of runs) {
    const at = source.indexOf(run, from);
    if (at !== -1) from = at + run.length;
    diagnostics.push(diagnostic('block-too-long', { severity: 'error', file, line: lineAt(Math.max(0, at)) }, { count: run.length, limit: MAX_INLINE }));
  }
}

/**
 * A note's reference mark never starts a line: it is bound to the character before it and to
 * the closing punctuation after it (otherwise "部门⁵。" may break as "部门 / ⁵。", with 。 opening
 * the line). Matches only the markup marked-footnote writes, with this article's prefix.
 */
function glueNoteRefs(html: string, prefix: string): string {
  if (!html.includes('<sup>')) return html;
  const ref = new RegExp(
    `([^\\s<>;])(<sup><a id="${prefix}fn-ref-[^"<>]*" href="#${prefix}fn-[^"<>]*"[^<>]*>[^<>]*</a></sup>)([。，、；：！？”’）》」』…]*)`,
    'g',
  );
  return html.replace(ref, '<span class="note-ref">$1$2$3</span>');
}

const tooDeep = (file: string, line: number): Diagnostic => diagnostic('markdown-too-deep', { severity: 'error', file, line });

function renderBlocks(input: MarkdownInput, diagnostics: Diagnostic[]): string {
  let source = input.markdown;
  let lineAt = lineIndex(source, input.firstLine);
  const images = new Set<string>();
  let blockStart = 0;
  let blockRaw = '';
  /** The line of `needle` within the block being rendered, else the block's first line. */
  const lineOf = (needle: string): number => {
    const at = needle ? blockRaw.indexOf(needle) : -1;
    return lineAt(blockStart + Math.max(0, at));
  };
  const warn = (code: Code, raw: string, data: Record<string, string>) =>
    diagnostics.push(diagnostic(code, { severity: 'warning', file: input.file, line: lineOf(raw) }, data));

  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use(markedFootnote({ prefixId: `${input.idPrefix}fn-`, description: '注释', footnoteDivider: false, backRefLabel: '' }));
  marked.use({
    renderer: {
      image(token: Tokens.Image): string {
        const resolved = input.resolveImage(token.href);
        if ('code' in resolved) {
          diagnostics.push(
            // A code and its variant belong together in the union; TypeScript cannot follow that into the call.
            diagnostic(
              resolved.code as 'image-type',
              { severity: 'error', file: input.file, line: lineOf(token.raw), field: 'image' },
              { src: token.href, ...resolved.data },
              resolved.variant as Variant<'image-type'>,
            ),
          );
          return '';
        }
        images.add(resolved.url);
        const caption = token.text ? `<figcaption>${escapeText(token.text)}</figcaption>` : '';
        return `<figure class="figure"><img src="${escapeAttr(resolved.url)}" alt="${escapeAttr(token.text)}">${caption}</figure>`;
      },
      text(token: Tokens.Text | Tokens.Escape): string {
        if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
        return keepTogether('escaped' in token && token.escaped ? token.text : escapeText(token.text), input.punctuation);
      },
      link(token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        if (!safeHref(token.href)) {
          warn('unsafe-link', token.raw, { href: token.href });
          return text;
        }
        return `<a href="${escapeAttr(token.href)}">${urlText(token) ?? text}</a>`;
      },
      heading(token: Tokens.Heading): string {
        // Markdown levels map to the four levels of GB/T 9704 headings: 一、 （一） 1. （1）.
        // In HTML they sit under the topic (h2) and the article title (h3), so the PDF outline nests.
        const level = Math.min(4, Math.max(1, token.depth - 1 || 1));
        const tag = `h${Math.min(6, level + 3)}`;
        return `<${tag} class="heading level-${level}">${this.parser.parseInline(token.tokens)}</${tag}>\n`;
      },
    },
  });

  const lexed = lexBounded(marked, source);
  const tokens = lexed.tokens;
  if (lexed.text !== source) lineAt = lineIndex(lexed.text, input.firstLine);
  source = lexed.text;
  overlongProblems(lexed.overlong, source, lineAt, input.file, diagnostics);
  // marked.parse would run the extensions' walkTokens; the footnote extension needs it to move
  // its list to the end, so run it the same way before rendering block by block.
  // Synchronous here (async: false): the promises its type speaks of are never made.
  if (marked.defaults.walkTokens) void marked.walkTokens(tokens, marked.defaults.walkTokens);
  const ctx = { idPrefix: input.idPrefix, images };
  let cursor = 0;
  let html = '';
  for (const token of tokens) {
    blockRaw = token.raw ?? '';
    const at = blockRaw ? source.indexOf(blockRaw, cursor) : -1;
    if (at !== -1) {
      blockStart = at;
      cursor = at + blockRaw.length;
    }
    const rendered = marked.parser([token]);
    if (rendered === '') continue;
    // A block of Markdown alone is already safe HTML (marked escapes text, and links, images and
    // headings go through the renderers above): the sanitizer, most of the cost of reading a
    // workspace, is for blocks that hold raw HTML or anything else.
    if (onlyMarkdown(token)) {
      html += rendered;
      continue;
    }
    // The sanitizer's parser is quadratic in tag depth (see tagDepth): a block too deep is refused.
    if (tagDepth(rendered) > MAX_TAG_DEPTH) {
      diagnostics.push(tooDeep(input.file, lineAt(blockStart)));
      continue;
    }
    const { html: clean, removed } = sanitizeBlock(rendered, ctx);
    if (removed.length > 0) {
      const first = removed.find((r) => r.startsWith('<'));
      const needle = first ? (new RegExp(`<${first.slice(1, -1)}\\b`, 'i').exec(blockRaw)?.[0] ?? '') : '';
      warn('unsafe-html', needle, { removed: removed.join(' ') });
    }
    html += clean;
  }
  return html;
}

/** Token types whose HTML briefs or marked writes itself, escaping every text. */
const MARKDOWN_ONLY = new Set([
  'paragraph',
  'text',
  'strong',
  'em',
  'codespan',
  'code',
  'heading',
  'hr',
  'blockquote',
  'list',
  'list_item',
  'space',
  'br',
  'del',
  'link',
  'image',
  'table',
  'escape',
  'def',
]);

/** Whether a token and all it holds are of those types (no raw HTML, no checkbox, no extension's). */
function onlyMarkdown(token: Token): boolean {
  if (!MARKDOWN_ONLY.has(token.type)) return false;
  const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
  const children = [...(t.tokens ?? []), ...(t.items ?? []), ...(t.header ?? []).flatMap((c) => c.tokens), ...(t.rows ?? []).flat().flatMap((c) => c.tokens)];
  return children.every(onlyMarkdown);
}

/** A longer run of inline text prints as plain text, and is reported as an error (content/prose.ts). */
export { MAX_INLINE };

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
