/**
 * Markdown → HTML for one submission body or editor's note. Pure: files are reached only through
 * `resolveImage`, which the caller provides. Raw HTML goes through the allow-list; links keep
 * only http(s) and mailto targets; footnote ids carry the article's prefix so that several
 * articles in one issue never share an id.
 */
import { Marked, type Tokens } from 'marked';
import markedFootnote from 'marked-footnote';
import type { Diagnostic } from '../content/diagnostic.js';
import { escapeText, sanitizeHtml, stripDangerousElements } from './sanitize.js';

export type ImageResolution = { url: string } | { problem: string; hint: string; code: string };

export interface MarkdownInput {
  markdown: string;
  /** File the Markdown came from (workspace-relative), and the file line of its first line. */
  file: string;
  firstLine: number;
  /** Prefix of every id the HTML defines, e.g. "a2-". */
  idPrefix: string;
  resolveImage(src: string): ImageResolution;
}

export function renderMarkdown(input: MarkdownInput, diagnostics: Diagnostic[]): string {
  const lineOf = (needle: string): number | undefined => {
    const at = input.markdown.indexOf(needle);
    return at === -1 ? undefined : input.firstLine + input.markdown.slice(0, at).split('\n').length - 1;
  };
  const warn = (code: string, raw: string, message: string, hint: string, data: Record<string, string>) =>
    diagnostics.push({ severity: 'warning', code, file: input.file, line: lineOf(raw), message, hint, data });

  const lineAt = (offset: number) => input.firstLine + input.markdown.slice(0, offset).split('\n').length - 1;
  const source = stripDangerousElements(input.markdown, (element, offset) =>
    diagnostics.push({
      severity: 'warning',
      code: 'unsafe-html',
      file: input.file,
      line: lineAt(offset),
      message: `raw HTML was removed: ${element}`,
      hint: 'write the text in Markdown; scripts, frames, styles and attributes are never printed',
      data: { removed: element },
    }),
  );
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use(markedFootnote({ prefixId: `${input.idPrefix}fn-`, description: '注释', footnoteDivider: false, backRefLabel: '' }));
  marked.use({
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        const { html, removed } = sanitizeHtml(token.text);
        if (removed.length > 0) {
          warn('unsafe-html', token.raw.trim().split('\n')[0], `raw HTML was removed: ${removed.join(' ')}`, 'write the text in Markdown; scripts, frames, styles and attributes are never printed', { removed: removed.join(' ') });
        }
        return html;
      },
      image(token: Tokens.Image): string {
        const resolved = input.resolveImage(token.href);
        if ('problem' in resolved) {
          diagnostics.push({ severity: 'error', code: resolved.code, file: input.file, line: lineOf(token.raw), field: 'image', message: resolved.problem, hint: resolved.hint, data: { src: token.href } });
          return '';
        }
        const caption = token.text ? `<figcaption>${escapeText(token.text)}</figcaption>` : '';
        return `<figure class="figure"><img src="${escapeAttr(resolved.url)}" alt="${escapeAttr(token.text)}">${caption}</figure>`;
      },
      link(token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        if (!/^(https?:|mailto:)/i.test(token.href)) {
          if (!token.href.startsWith('#')) warn('unsafe-link', token.raw, `the link target "${token.href}" was removed`, 'links may point to http(s) or mailto addresses only', { href: token.href });
          return text;
        }
        return `<a href="${escapeAttr(token.href)}">${text}</a>`;
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
  return marked.parse(source) as string;
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
