/**
 * The plain text of every block of a Markdown body, as a reader would find it in the PDF:
 * paragraphs, headings, list items, table cells, footnotes. Written apart from the renderer
 * on purpose, with marked's lexer alone, so it checks the renderer instead of repeating it.
 */
import { Lexer, type Token, type Tokens } from 'marked';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Stands where a footnote reference was: the text on each side of it must be printed. */
export const FOOTNOTE = '\u0000';

function plain(inline: string): string {
  return inline
    .replace(/^\[\^[^\]]+\]:/, '') // a footnote definition's label
    .replace(/\[\^[^\]]+\]/g, FOOTNOTE) // a reference: printed as a number the Markdown does not hold
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: their caption is printed
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/&[a-z#0-9]+;/g, (e) => ENTITIES[e] ?? e)
    .trim();
}

export function blockTexts(markdown: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'paragraph' || t.type === 'heading') out.push(plain((t as Tokens.Paragraph).text));
      else if (t.type === 'table') {
        const table = t as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) out.push(plain(cell.text));
      } else if (t.type === 'list') for (const item of (t as Tokens.List).items) walk(item.tokens);
      else if (t.type === 'blockquote') walk((t as Tokens.Blockquote).tokens);
    }
  };
  walk(new Lexer({ gfm: true }).lex(markdown));
  return out.filter((s) => s !== '');
}
