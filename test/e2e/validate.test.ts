/**
 * validate on a workspace of broken and hostile files: every problem found, located and
 * explained, in one run; nothing evaluated, nothing written.
 */
import { existsSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/messages/catalogue.js';
import { MAX_FILE_BYTES } from '../../src/content/workspace.js';
import { runCli } from '../helpers/run-cli.js';
import { FIXTURES, copyFixture, snapshotFiles } from '../helpers/workspace.js';

const broken = path.join(FIXTURES, 'broken');
const PWNED = ['js', 'javascript', 'coffee'].map((l) => `/tmp/briefs-pwned-${l}`);
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Problem {
  file: string;
  line: number | null;
  column: number | null;
  field: string | null;
  code: string;
  message: string;
  hint: string | null;
}

describe('briefs validate', () => {
  it('reports exactly the expected problems of the broken workspace as JSON, and exits 1', async () => {
    PWNED.forEach((f) => rmSync(f, { force: true }));
    const before = snapshotFiles(broken);
    const r = await runCli(['--root', broken, '--lang', 'en', 'validate', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { errors: Problem[]; warnings: Problem[] };
    // Codes, files, lines, columns and fields are stable; messages may be reworded (README), so
    // the golden file pins the former, one problem a line.
    const pinned = (list: Problem[]) => list.map((p) => `${p.code} ${p.file}:${p.line ?? ''}:${p.column ?? ''}${p.field ? ` [${p.field}]` : ''}`);
    await expect(`${JSON.stringify({ errors: pinned(report.errors), warnings: pinned(report.warnings) }, null, 2)}\n`).toMatchFileSnapshot(
      '__snapshots__/broken.validate.json',
    );
    // The hostile front matter was refused, never run; no file was touched.
    for (const f of PWNED) expect(existsSync(f), f).toBe(false);
    expect(snapshotFiles(broken)).toEqual(before);
  });

  it('covers every kind of problem the issue lists, each with file, code, message and hint', async () => {
    const report = JSON.parse((await runCli(['--root', broken, '--lang', 'en', 'validate', '--json'])).stdout) as { errors: Problem[]; warnings: Problem[] };
    const codes = new Set([...report.errors, ...report.warnings].map((p) => p.code));
    for (const code of [
      'yaml-syntax',
      'missing-field',
      'invalid-value',
      'invalid-date',
      'impossible-date',
      'unknown-bulletin',
      'unknown-field',
      'encoding',
      'duplicate-id',
      'unknown-submission',
      'submission-in-two-issues',
      'wrong-bulletin',
      'duplicate-issue',
      'numbering-gap',
      'rejected-in-issue',
      'image-missing',
      'too-long',
      'halfwidth-punctuation',
      'empty-body',
      'frontmatter-language',
      'unsafe-html',
      'unsafe-link',
      'image-outside-workspace',
      'remote-image',
    ])
      expect(codes, code).toContain(code);
    for (const p of [...report.errors, ...report.warnings]) {
      expect(p.file).toMatch(/^briefs\//);
      expect(p.message.length).toBeGreaterThan(5);
      expect(p.hint, `${p.code} has a hint`).toBeTruthy();
    }
    const hint = (file: string, field: string) => [...report.errors, ...report.warnings].find((p) => p.file.endsWith(file) && p.field === field)?.hint;
    expect(hint('typo-en.md', 'titel')).toBe('did you mean "title"?');
    expect(hint('typo-zh.md', '标体')).toBe('did you mean "标题"?');
    // A UTF-8 BOM and CRLF line endings are accepted silently.
    expect([...report.errors, ...report.warnings].filter((p) => p.file.endsWith('bom-crlf.md'))).toEqual([]);
  });

  it('speaks Chinese under a Chinese locale or --lang zh, with a Chinese message for every code', async () => {
    const before = process.env.LANG;
    process.env.LANG = 'zh_CN.UTF-8';
    try {
      const r = await runCli(['--root', broken, 'validate', '--json']);
      const report = JSON.parse(r.stdout) as { errors: Problem[]; warnings: Problem[] };
      const all = [...report.errors, ...report.warnings];
      expect(all.find((p) => p.code === 'impossible-date')!.message).toBe('“submitted”为 2020-13-45，这个日期不存在');
      expect(all.find((p) => p.code === 'encoding')!.message).toBe('文件不是 UTF-8 编码，可能是 gb18030');
      expect(r.stderr).toMatch(/检查了 \d+ 个稿件文件/);
      // Every message is said in Chinese: none is left in English.
      for (const p of all) expect(p.message, p.code).toMatch(/\p{Script=Han}/u);
    } finally {
      if (before === undefined) delete process.env.LANG;
      else process.env.LANG = before;
    }
    const en = await runCli(['--root', broken, '--lang', 'en', 'validate']);
    expect(en.stderr).toContain('a date that does not exist');
    for (const [code, entry] of Object.entries(CATALOGUE)) expect(entry.zh[0], code).toMatch(/\p{Script=Han}/u);
  });

  it('reads GB18030 files with --encoding gb18030', async () => {
    const dir = copyFixture('broken');
    temps.push(dir);
    const plain = JSON.parse((await runCli(['--root', dir, 'validate', '--json'])).stdout);
    expect(plain.errors.some((p: Problem) => p.file.endsWith('gbk.md'))).toBe(true);
    const read = JSON.parse((await runCli(['--root', dir, 'validate', '--json', '--encoding', 'gb18030'])).stdout);
    expect(read.errors.some((p: Problem) => p.file.endsWith('gbk.md'))).toBe(false);
  });

  it('refuses a 5 MB submission with a clear limit and checks 2,000 submissions in one run', async () => {
    const dir = copyFixture('grid');
    temps.push(dir);
    const subs = path.join(dir, 'briefs/submissions/many');
    mkdirSync(subs, { recursive: true });
    writeFileSync(
      path.join(dir, 'briefs/submissions/huge.md'),
      `---\ntitle: 巨大\npublication: jianyi\nauthors: 甲\nsubmitted: 2026-01-01\n---\n${'很长的正文。'.repeat(300_000)}`,
    );
    for (let i = 0; i < 2000; i++) {
      writeFileSync(path.join(subs, `s${i}.md`), `---\ntitle: 第${i}篇\npublication: qingkuang\nauthors: 作者${i}\nsubmitted: 2026-01-01\n---\n\n正文${i}。\n`);
    }
    const r = await runCli(['--root', dir, '--lang', 'en', 'validate', '--json']);
    const report = JSON.parse(r.stdout) as { errors: Problem[] };
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'briefs/submissions/huge.md',
        code: 'file-too-large',
        message: expect.stringContaining(`at most ${MAX_FILE_BYTES / 1024 / 1024} MiB`),
      }),
    ]);
    expect(r.stderr).toContain('checked 2002 submission files');
    expect(r.code).toBe(1);
  });
});
