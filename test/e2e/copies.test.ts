/**
 * `briefs copies` on the sample workspace, read back: each copy's 份号 where generate prints a
 * serial, the trace text, distinct IDs, the master's pages untouched, the ledger matching the
 * files, numbers that stay put as the list changes, and a signature pdfsig finds valid.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLayout } from '../helpers/pdf-layout.js';
import { makeP12 } from '../helpers/certificate.js';
import { runCli } from '../helpers/run-cli.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
let out: {
  copies: { issue: string; serial: string; recipient: string; group: string; pdf: string; sha256: string; signed: boolean }[];
  ledgers: { issue: string; csv: string; pdf: string }[];
};
const copiesDir = () => path.join(dir, 'dist/copies/qingkuang-2026-001');
const pdfText = (file: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' });
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** The ID a reader takes: the last trailer's (a copy is the master and an update after it). */
const trailerId = (file: string) =>
  [
    ...readFileSync(file)
      .toString('latin1')
      .matchAll(/\/ID \[ ?<([0-9A-F]+)>/g),
  ].at(-1)?.[1];
const issueFile = () => path.join(dir, 'briefs/issues/qingkuang/2026/001.md');

async function copies(...args: string[]) {
  const r = await runCli(['--root', dir, 'copies', 'qingkuang/2026/1', '--json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  // Its paths are relative to the folder it ran in: made absolute here, once.
  const json = JSON.parse(r.stdout) as typeof out;
  return {
    copies: json.copies.map((c) => ({ ...c, pdf: path.resolve(c.pdf) })),
    ledgers: json.ledgers.map((l) => ({ ...l, csv: path.resolve(l.csv), pdf: path.resolve(l.pdf) })),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-copies-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  // One recipient takes two copies.
  writeFileSync(issueFile(), readFileSync(issueFile(), 'utf8').replace('送: [科技部, 教育部,', '送: [科技部, {name: 教育部, copies: 2},'));
  expect((await runCli(['--root', dir, 'generate', 'qingkuang/2026/1'])).code).toBe(0);
  const prev = process.cwd();
  process.chdir(dir);
  try {
    out = await copies('--show-recipient');
  } finally {
    process.chdir(prev);
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('briefs copies', () => {
  it('makes a copy for each copy a recipient takes, numbered from 000001 in the list order', () => {
    expect(out.copies.map((c) => `${c.serial} ${c.group} ${c.recipient}`).slice(0, 6)).toEqual([
      '000001 报 中央办公厅',
      '000002 报 国务院办公厅',
      '000003 报 中央政策研究室',
      '000004 送 科技部',
      '000005 送 教育部',
      '000006 送 教育部',
    ]);
    expect(out.copies).toHaveLength(11);
    for (const c of out.copies) expect(existsSync(c.pdf), c.pdf).toBe(true);
  });

  it('prints the 份号 where generate prints a serial, in the same size, and nowhere else on the page', async () => {
    const [copyPage] = await readLayout(path.join(copiesDir(), '000004.pdf'));
    const [printedPage] = await readLayout(path.join(dir, 'dist/qingkuang-2026-001.pdf'));
    const stamped = copyPage.runs.filter((r) => r.text.includes('000004') && r.size > 10);
    const serial = printedPage.runs.find((r) => r.text === '000128')!;
    expect(stamped).toHaveLength(1);
    expect(stamped[0].size).toBeCloseTo(serial.size, 1);
    expect(Math.abs(stamped[0].x - serial.x)).toBeLessThan(0.3);
    expect(Math.abs(stamped[0].baseline - serial.baseline)).toBeLessThan(0.3);
    // The visible text of the page is generate's, but for the number.
    const strip = (t: string) => t.replace(/briefs 份号.*\n?/g, '').replace(/\s+/g, '');
    expect(strip(pdfText(path.join(copiesDir(), '000004.pdf'), 1)).replace('000004', '')).toBe(
      strip(pdfText(path.join(dir, 'dist/qingkuang-2026-001.pdf'), 1)).replace('000128', ''),
    );
  });

  it('hides a trace of the copy on every page, that extraction finds and print never shows', () => {
    const file = path.join(copiesDir(), '000006.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    for (let p = 1; p <= pages; p++) expect(pdfText(file, p)).toContain('briefs 份号 000006 送 教育部');
    // Page 2 of two copies and of the issue generate printed: the same pixels.
    const png = (f: string) => execFileSync('pdftoppm', ['-r', '50', '-f', '2', '-l', '2', '-png', f], { maxBuffer: 64 << 20 });
    expect(png(file).equals(png(path.join(dir, 'dist/qingkuang-2026-001.pdf')))).toBe(true);
    expect(png(path.join(copiesDir(), '000001.pdf')).equals(png(file))).toBe(true);
  });

  it('prints the recipient at the foot of the last page when asked, and gives each copy its own ID', () => {
    const file = path.join(copiesDir(), '000002.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pdfText(file, pages)).toContain('（国务院办公厅）');
    const ids = new Set(out.copies.map((c) => trailerId(c.pdf)));
    expect(ids.size).toBe(out.copies.length);
    expect(readFileSync(path.join(copiesDir(), '000002.pdf')).length).toBeLessThan(1.2 * readFileSync(path.join(dir, 'dist/qingkuang-2026-001.pdf')).length);
  });

  it("leaves the master's bytes as they are and adds an update whose cross-references are exact", () => {
    // Readers repair a wrong offset without a word, so this reads the table itself.
    const master = readFileSync(path.join(copiesDir(), '.master.pdf'));
    const copy = readFileSync(path.join(copiesDir(), '000003.pdf'));
    expect(copy.subarray(0, master.length).equals(master)).toBe(true);
    const text = copy.toString('latin1');
    const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
    expect(start).toBeGreaterThan(master.length);
    const section = text.slice(start, text.indexOf('trailer', start));
    expect(section.startsWith('xref')).toBe(true);
    const lines = section.split(/\r?\n/).slice(1).filter(Boolean);
    let checked = 0;
    for (let i = 0; i < lines.length;) {
      const [first, count] = lines[i].split(' ').map(Number);
      for (let k = 0; k < count; k++) {
        const entry = lines[i + 1 + k];
        expect(entry).toMatch(/^\d{10} 00000 n ?$/);
        expect(text.slice(Number(entry.slice(0, 10)), Number(entry.slice(0, 10)) + 20)).toMatch(new RegExp(`^${first + k} 0 obj\\b`));
        checked++;
      }
      i += 1 + count;
    }
    expect(checked).toBeGreaterThan(8);
    const masterStart = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(master.toString('latin1'))![1];
    expect(text.slice(text.indexOf('trailer', start))).toContain(`/Prev ${masterStart}`);
  });

  it('writes a ledger whose rows are the files, and a 分发登记表 to sign', () => {
    const [ledger] = out.ledgers;
    const rows = readFileSync(ledger.csv, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(rows[0]).toBe('份号,单位,分组,份数,文件,sha256');
    for (const row of rows.slice(1)) {
      const [serial, , , , file, hash] = row.split(',');
      expect(sha(path.join(copiesDir(), file)), serial).toBe(hash);
    }
    expect(rows.find((r) => r.startsWith('000005,'))).toContain(',教育部,送,2,');
    const text = pdfText(ledger.pdf);
    expect(text).toContain('分发登记表');
    expect(text).toContain('000011');
    expect(text).toContain('签收');
  });

  it('stamps nothing when nothing changed, the same bytes again with --force, and keeps every number as the list changes', async () => {
    const again = await runCli(['--root', dir, 'copies', 'qingkuang/2026/1', '--show-recipient']);
    expect(again.stderr).toContain('(0 stamped)');
    const before = sha(path.join(copiesDir(), '000003.pdf'));
    // The master is kept beside the copies: stamping anew does not print it again.
    const master = statSync(path.join(copiesDir(), '.master.pdf')).mtimeMs;
    await copies('--show-recipient', '--force');
    expect(sha(path.join(copiesDir(), '000003.pdf'))).toBe(before);
    expect(statSync(path.join(copiesDir(), '.master.pdf')).mtimeMs).toBe(master);
    // 中央政策研究室 leaves, 审计署 joins at the front: no one is renumbered, no number given twice.
    writeFileSync(
      issueFile(),
      readFileSync(issueFile(), 'utf8').replace('报: [中央办公厅, 国务院办公厅, 中央政策研究室]', '报: [审计署, 中央办公厅, 国务院办公厅]'),
    );
    const changed = await copies('--show-recipient');
    const by = Object.fromEntries(changed.copies.map((c) => [c.recipient + c.serial, c.serial]));
    expect(by['审计署000012']).toBe('000012');
    expect(changed.copies.find((c) => c.recipient === '科技部')!.serial).toBe('000004');
    expect(changed.copies.some((c) => c.serial === '000003')).toBe(false);
    expect(existsSync(path.join(copiesDir(), '000003.pdf'))).toBe(false);
  });

  it('refuses a draft', async () => {
    const r = await runCli(['--root', dir, 'copies', 'qingkuang/2026/3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('copies-draft');
  });

  it('signs each copy so that pdfsig finds the signature valid, a Chinese signer name and all', async () => {
    const certs = mkdtempSync(path.join(os.tmpdir(), 'briefs-cert-'));
    try {
      const p12 = makeP12(certs, '中国科协办公厅测试');
      process.env.BRIEFS_SIGN_PASSWORD = 'secret';
      const signed = await copies('--sign', p12);
      expect(signed.copies.every((c) => c.signed)).toBe(true);
      const report = execFileSync('pdfsig', [signed.copies[0].pdf], { encoding: 'utf8' });
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('中国科协办公厅测试');
      expect(report).toContain('Total document signed');
      // The reason a reader's signature panel shows, as written (UTF-16), not Latin-1 mojibake.
      const reason = /\/Reason <([0-9A-F]+)>/.exec(readFileSync(signed.copies[0].pdf, 'latin1'))?.[1] ?? '';
      expect(Buffer.from(reason, 'hex').swap16().toString('utf16le')).toBe(`\uFEFF《科技界情况》2026年第1期 第${signed.copies[0].serial}号`);
      // Without the password in the environment, nothing is signed and nothing written.
      delete process.env.BRIEFS_SIGN_PASSWORD;
      const refused = await runCli(['--root', dir, 'copies', 'qingkuang/2026/1', '--sign', p12]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('BRIEFS_SIGN_PASSWORD');
    } finally {
      delete process.env.BRIEFS_SIGN_PASSWORD;
      rmSync(certs, { recursive: true, force: true });
    }
  });
});
