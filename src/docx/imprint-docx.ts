/**
 * The Word edition's 版记 (GB/T 9704 §7.4): 报/送/发, then 责任编辑, 签发 and 共印N份, between a
 * thick rule above and below, a thin one over 责任编辑, in 四号 on the print's line height and
 * padding. One table of at most two rows that cannot split, floated to the foot of the text block
 * of the page where the text ends, as the print sets it: Word and LibreOffice move the text
 * around it, and take it to the next page with the text's end when the page has no room (the
 * text's last paragraph keeps with it, so that it never stands alone). Paragraphs in a frame
 * were tried instead: LibreOffice 7.4 set them in the text, without their rules. Pure.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  WidthType,
  OverlapType,
  type TextRun,
} from 'docx';
import type { IssueFile } from '../content/model.js';
import { BLOCK_MM } from '../layout/page.js';

const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);
type Rule = { style: (typeof BorderStyle)[keyof typeof BorderStyle]; size: number; color: string };
/** 0.35 mm and 0.25 mm, in eighths of a point. */
const THICK: Rule = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
const THIN: Rule = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const NONE: Rule = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
/** 四号 at line-height 1.6, as printed. */
const LINE_14 = Math.round(14 * 1.6 * 20);

/** The 版记's table and the paragraph it is anchored to, or nothing when the issue has none. */
export function imprintDocx(issue: IssueFile, run: (text: string) => TextRun): (Paragraph | Table)[] {
  const lines = (['报', '送', '发'] as const).filter((k) => issue.distribution[k].length > 0);
  const who = [issue.editor ? `责任编辑：${issue.editor}` : '', issue.approver ? `签发：${issue.approver}` : ''].filter(Boolean).join('　　');
  const imprint = who || issue.copies !== undefined ? `${who}${issue.copies !== undefined ? `\t共印${issue.copies}份` : ''}` : undefined;
  if (lines.length === 0 && imprint === undefined) return [];
  // 2.5 mm short of the text block at each side: LibreOffice (7.4) floats a table only when it is
  // that much narrower than the text block, and sets a wider one in the text (measured on a
  // 8844-twip block: 8560 floated, 8600 did not), which would leave it wherever the text ends.
  // The print's padding is the paragraphs' indent here, so the cells have no side margins.
  const width = twips(BLOCK_MM.width) - 2 * twips(2.5);
  const pad = 280;
  const para = (text: string, extra: object = {}) =>
    new Paragraph({ spacing: { line: LINE_14, lineRule: LineRuleType.EXACT }, keepNext: true, keepLines: true, children: [run(text)], ...extra });
  const sides = (more = 0) => ({ left: pad + more, right: pad });
  const row = (children: Paragraph[], top: Rule, bottom: Rule) =>
    new TableRow({
      cantSplit: true,
      children: [new TableCell({ width: { size: width, type: WidthType.DXA }, borders: { top, bottom, left: NONE, right: NONE }, children })],
    });
  const rows: TableRow[] = [];
  if (lines.length)
    rows.push(
      row(
        // 报：… with the recipients' further lines under the first's text (a hanging indent of two characters).
        lines.map((k) => para(`${k}：${issue.distribution[k].join('，')}`, { indent: { ...sides(2 * pad), hanging: 2 * pad } })),
        THICK,
        imprint === undefined ? THICK : NONE,
      ),
    );
  if (imprint !== undefined)
    rows.push(
      row(
        [para(imprint, { indent: sides(), tabStops: [{ type: TabStopType.RIGHT, position: width - 2 * pad }], alignment: AlignmentType.LEFT })],
        lines.length ? THIN : THICK,
        THICK,
      ),
    );
  return [
    new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: [width],
      layout: TableLayoutType.FIXED,
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
      // The print's padding: 1 mm above and below (a 四号 character at each side is the paragraphs' indent).
      margins: { top: twips(1), bottom: twips(1), left: 0, right: 0, marginUnitType: WidthType.DXA },
      float: {
        horizontalAnchor: TableAnchorType.MARGIN,
        verticalAnchor: TableAnchorType.MARGIN,
        relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
        relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
        topFromText: twips(BLOCK_MM.height / 22) * 2,
        overlap: OverlapType.NEVER,
      },
      rows,
    }),
    // A floating table is anchored to the paragraph after it: one that takes no room.
    new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT }, children: [] }),
  ];
}
