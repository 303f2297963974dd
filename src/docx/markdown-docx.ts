/**
 * A submission's Markdown as native Word structures (the `docx` package): paragraphs with their
 * runs (bold, 楷体 for emphasis, code), headings 一、（一）1.（1） in their faces, lists, tables
 * with their header row repeated, images embedded, and real Word footnotes. Raw HTML is read
 * for its text only: nothing of it reaches the document as markup. Pure but for reading images.
 */
import { imageSize } from 'image-size';
import { Marked, type Token, type Tokens } from 'marked';
import markedFootnote from 'marked-footnote';
import {
  AlignmentType,
  BorderStyle,
  FootnoteReferenceRun,
  ImageRun,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { readRegularSync } from '../files/read-regular.js';
import type { Faces } from '../fonts/word-faces.js';
import { BLOCK_MM } from '../layout/page.js';
import { exact, GRID_SPACING, keptRuns, SIZE } from './runs.js';
import { svgToPng } from './svg-png.js';

export interface DocxContext {
  faces: Faces;
  /** Footnotes of the whole document, by Word's numeric id; the next id is size + 1. */
  footnotes: Map<number, Paragraph[]>;
  /** The file an image of this Markdown is, or undefined when it does not print. */
  imageFile(src: string): string | undefined;
  /** A run that opens the first paragraph (编者按：). */
  lead?: TextRun;
  /** Space above the first paragraph, in twips. */
  leadBefore?: number;
  /** The last paragraph keeps with what follows (the 版记, after the last text). */
  keepLast?: boolean;
}

type Run = ParagraphChild;
const BODY = SIZE.body;
/** 四号 and 小四 at line-height 1.5, as printed (notes, tables): exact, in twips. */
const NOTE_LINE = { line: 14 * 1.5 * 20, lineRule: LineRuleType.EXACT };
const TABLE_LINE = { line: 12 * 1.5 * 20, lineRule: LineRuleType.EXACT };
const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

export function markdownDocx(markdown: string, ctx: DocxContext, base: Partial<IRunOptions> = {}): (Paragraph | Table)[] {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use(markedFootnote({ prefixId: 'fn-', description: '注释', footnoteDivider: false, backRefLabel: '' }));
  const tokens = marked.lexer(markdown);
  // Synchronous here (async: false): the promises its type speaks of are never made.
  if (marked.defaults.walkTokens) void marked.walkTokens(tokens, marked.defaults.walkTokens);
  // Each note's paragraphs, by its label; numbered in the order the text refers to them.
  const notes = new Map<string, Token[]>();
  for (const t of tokens)
    if (t.type === 'footnotes')
      for (const item of (t as unknown as { items: { label: string; content: Token[] }[] }).items) notes.set(item.label, item.content);
  const noteIds = new Map<string, number>();
  // The text's last block, when it is a paragraph and the 版记 follows.
  const printed = tokens.filter((t) => t.type !== 'space' && t.type !== 'footnotes' && t.type !== 'def');
  const keepLast = ctx.keepLast && printed.at(-1)?.type === 'paragraph' ? printed.at(-1) : undefined;
  const face = (role: keyof Faces, extra: Partial<IRunOptions> = {}): IRunOptions => ({
    font: ctx.faces[role],
    size: BODY,
    characterSpacing: GRID_SPACING,
    ...base,
    ...extra,
  });

  const inline = (list: Token[] | undefined, style: Partial<IRunOptions>): Run[] =>
    (list ?? []).flatMap((t): Run[] => {
      switch (t.type) {
        case 'text':
        case 'escape':
          return 'tokens' in t && t.tokens?.length ? inline(t.tokens, style) : keptRuns(decode((t as Tokens.Text).text), { ...face('fang'), ...style });
        case 'strong':
          return inline((t as Tokens.Strong).tokens, { ...style, bold: true });
        case 'em':
          return inline((t as Tokens.Em).tokens, { ...style, font: ctx.faces.kai });
        case 'del':
          return inline((t as Tokens.Del).tokens, { ...style, strike: true });
        case 'codespan':
          return [new TextRun({ ...face('fang'), ...style, text: decode((t as Tokens.Codespan).text) })];
        case 'br':
          return [new TextRun({ break: 1 })];
        case 'link':
          return inline((t as Tokens.Link).tokens, style);
        case 'image': {
          const img = image(t as Tokens.Image);
          return img ? [img] : [];
        }
        case 'html':
          return [new TextRun({ ...face('fang'), ...style, text: decode((t as Tokens.HTML).text.replace(/<[^>]*>/g, '')) })];
        case 'footnoteRef': {
          const label = (t as unknown as { label: string }).label;
          let id = noteIds.get(label);
          if (id === undefined) {
            id = ctx.footnotes.size + 1;
            noteIds.set(label, id);
            ctx.footnotes.set(id, block(notes.get(label) ?? [], { size: SIZE.small, characterSpacing: 0 }, NOTE_LINE));
          }
          return [new FootnoteReferenceRun(id)];
        }
        default:
          return 'text' in t && typeof t.text === 'string' ? keptRuns(decode(t.text), { ...face('fang'), ...style }) : [];
      }
    });

  const image = (t: Tokens.Image): Run | undefined => {
    const file = ctx.imageFile(t.href);
    if (!file) return undefined;
    const read = readRegularSync(file, { maxBytes: MAX_IMAGE_BYTES });
    if (!('bytes' in read)) return undefined;
    const size = imageSize(read.bytes);
    if (!size.width || !size.height) return undefined;
    // At most the text block's width (156 mm, 590 px at 96 dpi) and 150 mm tall, as printed.
    const px = (mm: number) => Math.round((mm * 96) / 25.4);
    const scale = Math.min(1, px(BLOCK_MM.width) / size.width, px(150) / size.height);
    const transformation = { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
    if (size.type === 'svg') {
      // Drawn at three times its size on the page (about 290 dpi), for the offices that show the PNG.
      const png = svgToPng(read.bytes, transformation.width * 3);
      return png ? new ImageRun({ type: 'svg', data: read.bytes, fallback: { type: 'png', data: png }, transformation }) : undefined;
    }
    const type = size.type === 'jpg' || size.type === 'png' || size.type === 'gif' || size.type === 'bmp' ? size.type : undefined;
    return type ? new ImageRun({ type, data: read.bytes, transformation }) : undefined;
  };

  // Paragraphs take the document's exact line pitch, unless notes' (set on their own) say otherwise.
  let spacing: object = exact();
  const para = (runs: Run[], extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
    // Two characters in: Word reads firstLineChars, LibreOffice the length (2 × 16 pt).
    new Paragraph({ children: runs, alignment: AlignmentType.JUSTIFIED, indent: { firstLineChars: 200, firstLine: 640 }, spacing, ...extra });

  /**
   * A paragraph with images, as the print sets it: each image a figure of its own, centred, its
   * alt text under it as the caption (楷体, 四号), the text around it in paragraphs before and after.
   */
  const figures = (list: Token[], style: Partial<IRunOptions>): Paragraph[] => {
    const out: Paragraph[] = [];
    let text: Token[] = [];
    const flush = () => {
      if (text.some((x) => !('raw' in x) || x.raw.trim() !== '')) out.push(para(inline(text, style)));
      text = [];
    };
    for (const x of list) {
      if (x.type !== 'image') {
        text.push(x);
        continue;
      }
      flush();
      const img = image(x as Tokens.Image);
      if (!img) continue;
      const caption = (x as Tokens.Image).text;
      // Single line spacing: an exact line would cut the picture to the grid's height.
      const whole = { line: 240, lineRule: LineRuleType.AUTO, before: Math.round(exact().line / 2) };
      out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: whole, keepNext: Boolean(caption), keepLines: true, children: [img] }));
      if (caption)
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 14 * 1.5 * 20, lineRule: LineRuleType.EXACT, after: Math.round(exact().line / 2) },
            children: keptRuns(caption, { font: ctx.faces.kai, size: SIZE.small }),
          }),
        );
    }
    flush();
    return out;
  };

  const block = (list: Token[], style: Partial<IRunOptions> = {}, lines: object = exact()): Paragraph[] => {
    const outer = spacing;
    spacing = lines;
    const out = blocks(list, style).filter((b): b is Paragraph => b instanceof Paragraph);
    spacing = outer;
    return out;
  };

  const blocks = (list: Token[], style: Partial<IRunOptions> = {}): (Paragraph | Table)[] =>
    list.flatMap((t): (Paragraph | Table)[] => {
      switch (t.type) {
        case 'paragraph': {
          const inlineTokens = (t as Tokens.Paragraph).tokens;
          if (inlineTokens.some((x) => x.type === 'image')) return figures(inlineTokens, style);
          const [lead, before] = [ctx.lead, ctx.leadBefore];
          ctx.lead = ctx.leadBefore = undefined;
          const runs = [...(lead ? [lead] : []), ...inline((t as Tokens.Paragraph).tokens, style)];
          return [para(runs, { ...(before ? { spacing: { ...spacing, before } } : {}), ...(t === keepLast ? { keepNext: true } : {}) })];
        }
        case 'heading': {
          const depth = (t as Tokens.Heading).depth;
          // ## 一、 in 黑体, ### （一） in 楷体, #### 1. and deeper in 仿宋 (the print's faces).
          const role: keyof Faces = depth <= 2 ? 'hei' : depth === 3 ? 'kai' : 'fang';
          return [para(inline((t as Tokens.Heading).tokens, { ...style, font: ctx.faces[role] }), { keepNext: true })];
        }
        case 'list': {
          const l = t as Tokens.List;
          return l.items.flatMap((item, i) => {
            const marker = new TextRun({ ...face('fang'), ...style, text: l.ordered ? `${Number(l.start || 1) + i}. ` : '• ' });
            const first = new Paragraph({ children: [marker, ...paragraphRuns(item.tokens, inline, style)], indent: { left: 640, hanging: 320 } });
            return [first, ...blocks(item.tokens.slice(1), style)];
          });
        }
        case 'blockquote':
          return blocks((t as Tokens.Blockquote).tokens, { ...style, font: ctx.faces.kai });
        case 'table': {
          const tb = t as Tokens.Table;
          const cell = (c: Tokens.TableCell, head: boolean) =>
            new TableCell({
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  spacing: TABLE_LINE,
                  children: inline(c.tokens, { ...style, size: SIZE.table, characterSpacing: 0, ...(head ? { font: ctx.faces.hei } : {}) }),
                }),
              ],
            });
          return [
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                new TableRow({ tableHeader: true, cantSplit: true, children: tb.header.map((c) => cell(c, true)) }),
                ...tb.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, false)) })),
              ],
            }),
          ];
        }
        case 'code':
          return (t as Tokens.Code).text.split('\n').map(
            (line) =>
              new Paragraph({
                spacing: TABLE_LINE,
                children: [new TextRun({ ...face('fang'), ...style, size: SIZE.table, characterSpacing: 0, text: line })],
              }),
          );
        case 'hr':
          return [new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } } })];
        case 'html': {
          const text = decode((t as Tokens.HTML).text.replace(/<[^>]*>/g, '')).trim();
          return text ? [para([new TextRun({ ...face('fang'), ...style, text })])] : [];
        }
        default:
          return [];
      }
    });

  return blocks(tokens);
}

/** The runs of a list item's first paragraph (its text, without the paragraph around it). */
function paragraphRuns(tokens: Token[], inline: (list: Token[] | undefined, style: Partial<IRunOptions>) => Run[], style: Partial<IRunOptions>): Run[] {
  const first = tokens[0];
  return first && (first.type === 'text' || first.type === 'paragraph') ? inline((first as Tokens.Text).tokens ?? [first], style) : [];
}

/** marked leaves HTML entities in text tokens (it escapes at render): Word wants the characters. */
function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _);
}
