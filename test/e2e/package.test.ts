/**
 * briefs as an office gets it: packed with npm pack, installed into an empty folder, and run
 * there. Templates and fonts must travel with the package.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pdfFonts, pdfText, compact } from '../helpers/pdf.js';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '../..');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * The workflow init writes, run as GitHub would run its jobs, in order, in a fresh clone of the
 * workspace: its run: steps, with the matrix's first shard of one. briefs comes from vendor/.
 */
async function workflowRuns(office: string): Promise<void> {
  const pkg = JSON.parse(readFileSync(path.join(office, 'package.json'), 'utf8'));
  expect(pkg.devDependencies.briefs).toMatch(/^file:vendor\/briefs-[\d.]+\.tgz$/);
  expect(existsSync(path.join(office, pkg.devDependencies.briefs.slice('file:'.length)))).toBe(true);
  const workflow = parse(readFileSync(path.join(office, '.github/workflows/briefs.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
  const clone = mkdtempSync(path.join(os.tmpdir(), 'briefs-ci-'));
  temps.push(clone);
  cpSync(office, clone, { recursive: true });
  for (const job of ['validate', 'generate']) {
    for (const step of workflow.jobs[job].steps.filter((s) => s.run)) {
      const script = step.run!.replace(/\$\{\{ matrix\.shard \}\}/g, '1/1').replace(/\$\{\{ strategy\.job-index \}\}/g, '0');
      await run('bash', ['-eo', 'pipefail', '-c', script], { cwd: clone, maxBuffer: 64 << 20 });
    }
  }
  const summary = JSON.parse(readFileSync(path.join(clone, 'dist/summary.json'), 'utf8'));
  expect(summary.issues.map((i: { status: string }) => i.status)).toEqual(['printed']);
}

describe('the npm package', () => {
  it('installs into an empty folder and runs init, validate and generate there', { timeout: 300_000 }, async () => {
    const packs = mkdtempSync(path.join(os.tmpdir(), 'briefs-pack-'));
    const app = mkdtempSync(path.join(os.tmpdir(), 'briefs-office-'));
    temps.push(packs, app);
    const { stdout } = await run('npm', ['pack', '--pack-destination', packs, '--silent'], { cwd: repo, maxBuffer: 16 << 20 });
    const tarball = path.join(packs, stdout.trim().split('\n').pop()!);
    expect(existsSync(tarball)).toBe(true);
    const { stdout: listing } = await run('tar', ['-tzf', tarball], { maxBuffer: 16 << 20 });
    expect(listing).toContain('package/templates/layouts/jianyi.hbs');
    expect(listing).toContain('package/lib/cli/index.js');
    expect(listing).not.toContain('package/test/');
    // The shipped faces travel as the files briefs uses (woff2, two weights each), not as their packages.
    expect(listing).toContain('package/lib/font-files/noto-serif-sc/400.css');
    expect(listing).toMatch(/package\/lib\/font-files\/lxgw-wenkai\/files\/[^\n]+\.woff2/);
    expect(listing).not.toMatch(/\.woff\n/);

    await run('npm', ['init', '-y'], { cwd: app });
    await run('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: app, maxBuffer: 64 << 20 });
    // What an office installs: briefs and the packages it runs with, at most 150 MB.
    const { stdout: du } = await run('du', ['-sm', path.join(app, 'node_modules')]);
    expect(Number(du.split('\t')[0])).toBeLessThanOrEqual(150);
    const briefs = (...args: string[]) => run(path.join(app, 'node_modules/.bin/briefs'), args, { cwd: app, maxBuffer: 16 << 20 });
    await briefs('init', 'office');
    await briefs('--root', 'office', 'validate');
    await workflowRuns(path.join(app, 'office'));
    const { stdout: json } = await briefs('--root', 'office', 'generate', '--json');
    const [issue] = JSON.parse(json).issues;
    expect(issue.status).toBe('printed');
    const pdf = path.join(app, issue.pdf);
    expect(compact(pdfText(pdf))).toContain('关于建立科技工作者建议快速报送机制的建议');
    expect(pdfFonts(pdf).every((f) => /NotoSerifSC|NotoSansSC|LXGWWenKai/.test(f.name) && f.type !== 'Type 3')).toBe(true);
  });
});
