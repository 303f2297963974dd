/**
 * Page 1 of the Word edition as the print sets it, line for line on the grid: 份号 and 密级 (two
 * lines), the bulletin's name in red (two lines of 初号), 第N期（总第M期）, a blank line, publisher
 * and date over the red rule; then the editor's note, and the contents with topic lines, each
 * entry in the print's lines with a dot leader and the page (a PAGEREF to the title's bookmark)
 * at the right. Pure.
 */
import { AlignmentType, BorderStyle, LeaderType, PageReference, Paragraph, TabStopType, TextRun, type IRunOptions } from 'docx';
import type { AssembledIssue } from '../assemble/issue.js';
import { contentsLines } from '../layout/title-lines.js';
import { chineseDate } from '../render/chinese.js';
import { BLOCK_MM } from '../layout/page.js';
import type { Faces } from '../fonts/word-faces.js';
import { exact, LINE, SIZE } from './runs.js';

const RED = 'E60012';
const MM = 1440 / 25.4;
export const twips = (mm: number) => Math.round(mm * MM);
export type RunOf = (role: keyof Faces, text: string, extra?: Partial<IRunOptions>) => TextRun;

export function mastheadDocx(a: AssembledIssue, run: RunOf): Paragraph[] {
  const { issue, bulletin } = a;
  const line = (children: TextRun[], extra: object = {}) => new Paragraph({ spacing: exact(), children, ...extra });
  return [
    line([run('song', issue.serial !== undefined ? String(issue.serial).padStart(6, '0') : '')]),
    line([run('hei', issue.classification ?? bulletin.classification)]),
    // letter-spacing 0.12em, as printed (the first character's share as an indent keeps it centred).
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(2),
      indent: { left: Math.round(42 * 0.12 * 20) },
      children: [run('xiaobiaosong', bulletin.name, { color: RED, bold: true, size: SIZE.masthead, characterSpacing: Math.round(42 * 0.12 * 20) })],
    }),
    line([run('kai', `${issue.supplement ? '增刊' : ''}第${issue.number}期${issue.total ? `（总第${issue.total}期）` : ''}`)], {
      alignment: AlignmentType.CENTER,
    }),
    new Paragraph({
      children: [run('kai', bulletin.publisher, { characterSpacing: 0 }), run('kai', `\t${chineseDate(issue.date)}`, { characterSpacing: 0 })],
      tabStops: [{ type: TabStopType.RIGHT, position: twips(BLOCK_MM.width) }],
      // The line is 1 mm short, for the red rule under it (1 mm, in eighths of a point), as
      // printed, and a few twips more for the office's rounding of the rule: page 1 holds the
      // print's 22 lines only when nothing on it is taller than the print's.
      spacing: { ...exact(1, 1), line: LINE - twips(1) - 5 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 23, color: RED, space: 0 } },
    }),
  ];
}

/** 本期目录: the heading, topic lines where the issue groups by topic, and the entries. */
export function contentsDocx(a: AssembledIssue, run: RunOf): Paragraph[] {
  const out = [new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(1, 1), keepNext: true, children: [run('hei', '本期目录')] })];
  for (const group of a.groups) {
    if (group.topic && a.bulletin.groupByTopic) out.push(new Paragraph({ spacing: exact(), keepNext: true, children: [run('hei', `【${group.topic}】`)] }));
    for (const art of group.articles) {
      const lines = contentsLines(art.submission);
      out.push(
        new Paragraph({
          spacing: exact(),
          keepLines: true,
          indent: { left: 2 * SIZE.body * 10 },
          tabStops: [{ type: TabStopType.RIGHT, position: twips(BLOCK_MM.width), leader: LeaderType.DOT }],
          children: [
            ...lines.map((text, i) => run('fang', i === lines.length - 1 ? `${text}\t` : text, i > 0 ? { break: 1 } : {})),
            new PageReference(`article${art.index}`, {}),
          ],
        }),
      );
    }
  }
  return out;
}
