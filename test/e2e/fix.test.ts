/**
 * `briefs fix`: the one command that changes a submission, and only its Chinese punctuation,
 * only when asked. --check changes nothing and exits 1; fix shows the diff, keeps the front
 * matter, code, URLs, numbers, line endings and BOM, and leaves nothing for a second run.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

let root: string;
const file = () => path.join(root, 'briefs/submissions/s.md');
const FRONT = '\uFEFF---\r\ntitle: 关于"标点"的建议\r\npublication: jianyi\r\nauthors: 张三\r\nsubmitted: 2026-01-01\r\n---\r\n';
const BODY = '研究,发展(试点).他说"卡脖子"问题。\r\n\r\n`a,b` 见 https://x.org/a,b 增长2.68%。\r\n';

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'briefs-fix-'));
  mkdirSync(path.join(root, 'briefs/submissions'), { recursive: true });
  writeFileSync(file(), FRONT + BODY);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('briefs fix', () => {
  it('--check shows what would change, changes nothing, and exits 1', async () => {
    const r = await runCli(['--root', root, '--lang', 'en', 'fix', '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('briefs/submissions/s.md:7\n- 研究,发展(试点).他说"卡脖子"问题。\n+ 研究，发展（试点）。他说“卡脖子”问题。\n');
    expect(r.stderr).toContain('1 line in 1 file would change');
    expect(readFileSync(file(), 'utf8')).toBe(FRONT + BODY);
  });

  it('rewrites the body only, keeping the front matter, line endings and BOM; a second run finds nothing', async () => {
    const r = await runCli(['--root', root, '--lang', 'zh', 'fix', file()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('已改正 1 个文件中的 1 行');
    expect(readFileSync(file(), 'utf8')).toBe(`${FRONT}研究，发展（试点）。他说“卡脖子”问题。\r\n\r\n\`a,b\` 见 https://x.org/a,b 增长2.68%。\r\n`);
    const again = await runCli(['--root', root, 'fix', '--check']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
  });

  it('refuses a file that is not a submission or issue of the workspace', async () => {
    const r = await runCli(['--root', root, 'fix', path.join(root, 'elsewhere.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a submission or issue file');
  });
});
