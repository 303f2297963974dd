/**
 * Awkward but legitimate prose, printed once with a real Chromium and read back: every
 * character an expert wrote prints as written and in reading order, an unclosed tag ends with
 * its paragraph, rare Han characters print from TrueType faces (never Type 3, even with
 * Debian's CFF Noto CJK installed), and the checks around numbering and placeholders fire.
 */
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compact, pdfFonts } from '../helpers/pdf.js';
import { readOutline } from '../helpers/outline.js';
import { readStream, type StreamRun } from '../helpers/pdf-layout.js';
import { runCli } from '../helpers/run-cli.js';
import { copyFixture } from '../helpers/workspace.js';

let ws: string;
let pdf: string;
let stream: StreamRun[];
let text: string;

beforeAll(async () => {
  ws = copyFixture('awkward');
  const r = await runCli(['--root', ws, 'generate', 'jianyi/2026/1', '--json']);
  if (r.code !== 0) throw new Error(`generate failed (${r.code}):\n${r.stderr}`);
  pdf = path.resolve(JSON.parse(r.stdout).issues[0].pdf);
  stream = await readStream(pdf);
  text = compact(stream.map((s) => s.text).join(''));
});

afterAll(() => rmSync(ws, { recursive: true, force: true }));

/** The runs that make up `needle` in the stream, found by position in the compacted text. */
function runsOf(needle: string): StreamRun[] {
  const at = text.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  const out: StreamRun[] = [];
  let pos = 0;
  for (const s of stream) {
    const len = compact(s.text).length;
    if (pos + len > at && pos < at + needle.length) out.push(s);
    pos += len;
  }
  return out;
}

describe('awkward prose, printed', () => {
  it('prints code that names tags, and the rest of its paragraph', () => {
    expect(text).toContain('行内代码<style>和<script>是两个标签名，这句话的后半部分必须印出来。');
    expect(text).toContain('见<b>的说明');
    expect(text).toContain('编者按：编者按正文，提到<b>标签也照印。');
    expect(text).toContain('注释里也有<i>和<号。');
  });

  it('keeps < and & in prose as written', () => {
    expect(text).toContain('当a<b&&c>d时，R&D投入占比2.68%');
  });

  it('reads in order in the content stream: masthead, note, contents, then each title, author line, body, 报尾', () => {
    const order = [
      '中国科协学会学术部',
      '编者按',
      '本期目录',
      '关于完善青年科技人才评价机制的建议',
      '（某研究所研究员刘䶮；某大学教授王𬱖）',
      '行内代码',
      '最后一段',
      '关于加强科研诚信建设的建议',
      '（某大学教授赵六）',
      '第二篇文章的正文',
      '报：中央办公厅，国务院办公厅',
      '责任编辑：王蕾',
    ];
    // The contents list the titles first; each later one is looked for after the one before.
    let from = 0;
    for (const piece of order) {
      const at = text.indexOf(piece, from);
      expect(at, `${piece} after position ${from}`).toBeGreaterThanOrEqual(from);
      from = at + piece.length;
    }
    // Every paragraph reads whole: no title lands inside a sentence.
    expect(text).toContain('第二段应当是常规字重：当a<b&&c>d时，R&D投入占比2.68%，见<b>的说明1。');
  });

  it('ends an unclosed <b> with its paragraph: what follows, the next article and the 报尾 are regular', () => {
    expect(runsOf('加粗标签，到段末为止。').every((r) => /Bold/.test(r.font))).toBe(true);
    for (const piece of ['第二段应当是常规字重', '最后一段', '第二篇文章的正文以常规字重印出', '报：中央办公厅', '责任编辑：王蕾']) {
      const fonts = runsOf(piece).map((r) => r.font);
      expect(
        fonts.filter((f) => /Bold/.test(f)),
        piece,
      ).toEqual([]);
    }
  });

  it('prints 刘䶮 and 王𬱖 from TrueType faces, with no Type 3 font whatever the machine has', () => {
    expect(text).toContain('刘䶮与王𬱖的建议到此为止');
    const fonts = pdfFonts(pdf);
    expect(fonts.filter((f) => f.type !== 'CID TrueType')).toEqual([]);
    expect(fonts.every((f) => f.embedded && f.subset)).toBe(true);
    // The body face lacks 䶮: it comes from the fallback, served to the page like every face.
    expect(runsOf('刘䶮与王𬱖').some((r) => /^HanaMin/.test(r.font))).toBe(true);
  });

  it('renumbers only the structure names Chromium made: a heading that reads node12345 keeps its bookmark', async () => {
    const bytes = readFileSync(pdf);
    const titles = (await readOutline(bytes)).map((e) => e.title);
    expect(titles).toContain('node12345');
    // The table's header cells are named again from 1, and nothing else is.
    const raw = bytes.toString('latin1');
    expect(/\(node00000001\)/.test(raw)).toBe(true);
  });

  it('puts the top-level publisher in the masthead of a built-in bulletin', () => {
    expect(text).toContain('中国科协学会学术部2026年3月10日');
    expect(text).not.toContain('中国科协办公厅');
  });
});

describe('awkward files, checked', () => {
  it('reports placeholders, numbering, cascades and missing glyphs, each on the file to fix', async () => {
    const r = await runCli(['--root', ws, 'validate', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as Record<'errors' | 'warnings', { code: string; file: string }[]>;
    const found = [...json.errors.map((d) => ({ ...d, severity: 'error' })), ...json.warnings.map((d) => ({ ...d, severity: 'warning' }))].map(
      (d) => `${d.severity} ${d.code} ${path.basename(d.file)}`,
    );
    for (const expected of [
      'error placeholder-left form.md',
      'warning placeholder-left draft-form.md',
      'error glyph-missing draft-form.md',
      'error submission-invalid 003.md',
      'error duplicate-total 003.md',
      'error duplicate-total 005.md',
      'warning file-number 005.md',
      'warning date-order 005.md',
      'warning total-order 006.md',
      'warning numbering-gap 006.md',
    ])
      expect(found).toContain(expected);
    expect(found.filter((f) => f.includes('unknown-submission'))).toEqual([]);
  });
});

describe('a withdrawn issue', () => {
  it('has its PDF removed by the next generate, and nothing else', async () => {
    const mine = path.join(path.dirname(pdf), 'notes-of-the-editor.pdf');
    writeFileSync(mine, 'not briefs’ own');
    unlinkSync(path.join(ws, 'briefs/issues/jianyi/2026/001.md'));
    const r = await runCli(['--root', ws, 'generate', '--json']);
    expect(JSON.parse(r.stdout).issues).toContainEqual(expect.objectContaining({ id: 'jianyi/2026/1', status: 'removed' }));
    expect(r.stderr).toContain('removed  jianyi/2026/1');
    expect(existsSync(pdf)).toBe(false);
    expect(existsSync(mine)).toBe(true);
  });
});
