/**
 * Editors never hand-count issue numbers: new, assemble and list on real workspaces, and the
 * numbering lock under concurrent processes.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { snapshotFiles } from '../helpers/workspace.js';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin/briefs.js');
const run = promisify(execFile);
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function sampleCopy(withIssues: boolean): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-assemble-'));
  temps.push(dir);
  cpSync(path.join(repo, 'briefs/submissions'), path.join(dir, 'briefs/submissions'), { recursive: true });
  cpSync(path.join(repo, 'briefs/assets'), path.join(dir, 'briefs/assets'), { recursive: true });
  if (withIssues) cpSync(path.join(repo, 'briefs/issues'), path.join(dir, 'briefs/issues'), { recursive: true });
  // The sample's issue 1 names its recipients list: validate reads it as copies will.
  if (withIssues) cpSync(path.join(repo, 'briefs/recipients'), path.join(dir, 'briefs/recipients'), { recursive: true });
  return dir;
}

const issueFiles = (dir: string) =>
  readdirSync(path.join(dir, 'briefs/issues'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();

describe('new issue', () => {
  it('writes the next number and total of a bulletin and year, supplements apart, and prints the path', async () => {
    const dir = sampleCopy(true);
    const next = async (...args: string[]) => {
      const r = await runCli(['--root', dir, 'new', 'issue', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    expect(await next('jianyi', '--date', '2026-08-01')).toMatch(/briefs\/issues\/jianyi\/2026\/004\.md$/);
    // Said to a person with the path, not the id alone (stdout, the path only, may go to a script).
    const said = await runCli(['--root', dir, '--lang', 'en', 'new', 'issue', 'qingkuang', '--date', '2026-08-02']);
    expect(said.stdout.trim()).toMatch(/briefs\/issues\/qingkuang\/2026\/\d{3}\.md$/);
    expect(said.stderr).toContain(`a draft: ${said.stdout.trim()}`);
    expect(await next('科技工作者建议', '--date', '2027-01-05')).toMatch(/briefs\/issues\/jianyi\/2027\/001\.md$/);
    expect(await next('jianyi', '--date', '2026-09-01', '--supplement')).toMatch(/briefs\/issues\/jianyi\/2026\/s01\.md$/);
    const list = JSON.parse((await runCli(['--root', dir, 'list', '--json', '--publication', 'jianyi'])).stdout);
    const byId = Object.fromEntries(list.issues.map((i: { id: string; total: number | null; status: string; supplement: boolean }) => [i.id, i]));
    expect(byId['jianyi/2026/4']).toMatchObject({ total: 514, status: 'draft' });
    expect(byId['jianyi/2027/1']).toMatchObject({ total: 515 });
    expect(byId['jianyi/2026/s1']).toMatchObject({ total: null, supplement: true });
    // The new drafts are valid as they are: nothing to fix by hand.
    const v = await runCli(['--root', dir, '--lang', 'en', 'validate', '--json']);
    expect(JSON.parse(v.stdout).errors).toEqual([]);
  });

  it('hands distinct numbers to processes that ask at the same moment, all taking over a dead run’s lock', async () => {
    const dir = sampleCopy(true);
    // A lock left by a run that died: every process finds it and takes it over, the path where
    // one run once deleted another's live lock (see src/workspace/lock.ts).
    writeFileSync(path.join(dir, 'briefs/issues/.briefs.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: '2026-12-07T00:00:00Z' }));
    const results = await Promise.all(
      Array.from({ length: 6 }, () => run(process.execPath, [bin, '--root', dir, 'new', 'issue', 'qingkuang', '--date', '2026-10-01'])),
    );
    const paths = results.map((r) => r.stdout.trim()).sort();
    expect(new Set(paths).size).toBe(6);
    expect(paths.map((p) => path.basename(p))).toEqual(['004.md', '005.md', '006.md', '007.md', '008.md', '009.md']);
    expect(readdirSync(path.join(dir, 'briefs/issues')).filter((f) => f.startsWith('.'))).toEqual([]);
    const v = JSON.parse((await runCli(['--root', dir, 'validate', '--json'])).stdout);
    expect(v.errors).toEqual([]);
  });
});

describe('assemble', () => {
  it('plans without writing on --dry-run', async () => {
    const dir = sampleCopy(false);
    const before = snapshotFiles(dir);
    const r = await runCli(['--root', dir, '--lang', 'en', 'assemble', 'qingkuang', '--dry-run', '--date', '2026-07-01', '--max-chars', '800']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('new issue 1 of');
    expect(r.stdout).toContain('qk-2026-001');
    expect(r.stdout).not.toContain('qk-2026-008'); // rejected
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('labels its plan with the numbers the issues will get, as the real run gives them', async () => {
    const dir = sampleCopy(false);
    // An issue already there: the plan's first issue is the bulletin's second of the year.
    expect((await runCli(['--root', dir, 'new', 'issue', 'qingkuang', '--date', '2026-06-01'])).code).toBe(0);
    const plan = await runCli(['--root', dir, '--lang', 'en', 'assemble', 'qingkuang', '--dry-run', '--date', '2026-07-01', '--max-chars', '800']);
    const planned = [...plan.stdout.matchAll(/^(qingkuang\/2026\/\d+)[ ,]/gm)].map((m) => m[1]);
    expect(planned[0]).toBe('qingkuang/2026/2');
    const real = await runCli(['--root', dir, 'assemble', 'qingkuang', '--date', '2026-07-01', '--max-chars', '800']);
    expect([...real.stderr.matchAll(/^\s+(qingkuang\/2026\/\d+):/gm)].map((m) => m[1])).toEqual(planned);
  });

  it('turns a workspace of submissions alone into issues that validate and print without a hand edit', async () => {
    const dir = sampleCopy(false);
    const q = await runCli(['--root', dir, 'assemble', 'qingkuang', '--date', '2026-07-01', '--max-chars', '800']);
    const j = await runCli(['--root', dir, 'assemble', 'jianyi', '--date', '2026-07-02']);
    expect([q.code, j.code]).toEqual([0, 0]);
    expect(issueFiles(dir)).toEqual([
      'briefs/issues/jianyi/2026/001.md',
      'briefs/issues/jianyi/2026/002.md',
      'briefs/issues/jianyi/2026/003.md',
      'briefs/issues/jianyi/2026/004.md',
      'briefs/issues/qingkuang/2026/001.md',
      'briefs/issues/qingkuang/2026/002.md',
      'briefs/issues/qingkuang/2026/003.md',
    ]);
    const list = JSON.parse((await runCli(['--root', dir, 'list', '--json'])).stdout);
    // Every accepted submission is placed once; the submitted and the rejected ones wait.
    const placed = list.issues.flatMap((i: { submissions: string[] }) => i.submissions).sort();
    expect(placed).toEqual(
      list.submissions
        .filter((s: { status: string }) => s.status === 'accepted')
        .map((s: { id: string }) => s.id)
        .sort(),
    );
    expect(
      list.submissions
        .filter((s: { issue: string | null }) => s.issue === null)
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual(['jy-2026-005', 'qk-2026-008']);
    // Each jianyi issue holds one suggestion; qingkuang reports come topic by topic, oldest topic
    // first, each issue filled up to the budget (800 Han characters here) before the next begins.
    const topicOf = (id: string) => /(?:topic|栏目): (.+)/.exec(readFileSync(path.join(dir, 'briefs/submissions/qingkuang', `${id}.md`), 'utf8'))![1];
    const qk = list.issues.filter((i: { publication: string }) => i.publication === 'qingkuang').map((i: { submissions: string[] }) => i.submissions);
    expect(qk.flat().map(topicOf)).toEqual(['基层声音', '基层声音', '调研报告', '调研报告', '科技界动态', '科技界动态', '国际视野']);
    expect(qk.map((ids: string[]) => ids.length)).toEqual([2, 2, 3]);
    for (const i of list.issues) if (i.publication === 'jianyi') expect(i.submissions).toHaveLength(1);
    expect((await runCli(['--root', dir, 'validate'])).code).toBe(0);
    const g = await runCli(['--root', dir, 'generate', '--json']);
    expect(g.code, g.stderr).toBe(0);
    expect(JSON.parse(g.stdout).issues.map((i: { status: string }) => i.status)).toEqual(Array(7).fill('printed'));
  });
});

describe('new submission and list', () => {
  it('writes a form that validates, never over an existing file, and lists it as waiting', async () => {
    const dir = sampleCopy(true);
    const args = [
      '--root',
      dir,
      'new',
      'submission',
      '--publication',
      'qingkuang',
      '--title',
      '关于AI for Science的情况',
      '--author',
      '钱七',
      '--date',
      '2026-11-01',
    ];
    const first = (await runCli(args)).stdout.trim();
    const second = (await runCli(args)).stdout.trim();
    expect(first).toMatch(/briefs\/submissions\/qingkuang\/2026-11-01-ai-for-science\.md$/);
    expect(second).toMatch(/2026-11-01-ai-for-science-2\.md$/);
    const v = JSON.parse((await runCli(['--root', dir, 'validate', '--json'])).stdout);
    expect(v.errors).toEqual([]);
    const waiting = JSON.parse((await runCli(['--root', dir, 'list', '--json', '--status', 'submitted'])).stdout);
    expect(waiting.submissions.map((s: { id: string; issue: null }) => [s.id, s.issue])).toContainEqual(['2026-11-01-ai-for-science', null]);
    const table = (await runCli(['--root', dir, 'list'])).stdout;
    expect(table).toMatch(/qk-2026-001\s+《科技界情况》\s+已采用\s+qingkuang\/2026\/1/);
  });
});
