/**
 * briefs as an office gets it: packed with npm pack, installed into an empty folder, and run
 * there. Templates and fonts must travel with the package.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

type Workflow = { jobs: Record<string, { steps: { name?: string; run?: string; uses?: string; with?: Record<string, string> }[] }> };

/**
 * The workflow init writes, run as GitHub would run its jobs, in order, in a fresh clone of the
 * workspace: its run: steps, each shard of the matrix (one issue: the other shard has none).
 * briefs comes from vendor/, the rest as package-lock.json pins it. Returns what the steps said.
 */
async function workflowRuns(office: string): Promise<string> {
  const pkg = JSON.parse(readFileSync(path.join(office, 'package.json'), 'utf8'));
  expect(pkg.devDependencies.briefs).toMatch(/^file:vendor\/briefs-[\d.]+\.tgz$/);
  expect(existsSync(path.join(office, pkg.devDependencies.briefs.slice('file:'.length)))).toBe(true);
  // init pinned the dependencies: CI installs the same packages every time.
  expect(existsSync(path.join(office, 'package-lock.json'))).toBe(true);
  const workflow = parse(readFileSync(path.join(office, '.github/workflows/briefs.yml'), 'utf8')) as Workflow;
  let said = '';
  const printed: string[] = [];
  const shards: string[] = [];
  for (const shard of ['1/2', '2/2']) {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'briefs-ci-'));
    temps.push(clone);
    shards.push(clone);
    cpSync(office, clone, { recursive: true });
    // The validate job once (it has no shards), the generate job in each shard.
    for (const job of shard === '1/2' ? ['validate', 'generate'] : ['generate']) {
      for (const step of workflow.jobs[job].steps.filter((s) => s.run)) {
        const script = step.run!.replace(/\$\{\{ matrix\.shard \}\}/g, shard).replace(/\$\{\{ strategy\.job-index \}\}/g, '0');
        const r = await run('bash', ['-eo', 'pipefail', '-c', script], { cwd: clone, maxBuffer: 64 << 20 });
        said += r.stdout + r.stderr;
      }
    }
    const summary = JSON.parse(readFileSync(path.join(clone, 'dist/summary.json'), 'utf8'));
    printed.push(...summary.issues.map((i: { status: string }) => i.status));
  }
  // The site job: both shards' artifacts merged into dist (hidden files are not uploaded), then its steps.
  const siteClone = mkdtempSync(path.join(os.tmpdir(), 'briefs-ci-site-'));
  temps.push(siteClone);
  cpSync(office, siteClone, { recursive: true });
  for (const shard of shards)
    cpSync(path.join(shard, 'dist'), path.join(siteClone, 'dist'), { recursive: true, filter: (src) => !path.basename(src).startsWith('.') });
  for (const step of workflow.jobs.site.steps.filter((s) => s.run)) {
    const r = await run('bash', ['-eo', 'pipefail', '-c', step.run!], { cwd: siteClone, maxBuffer: 64 << 20 });
    said += r.stdout + r.stderr;
  }
  expect(existsSync(path.join(siteClone, 'dist/site/index.html'))).toBe(true);
  expect(existsSync(path.join(siteClone, 'dist/site/pagefind/pagefind.js'))).toBe(true);
  expect(workflow.jobs.site.steps.some((st) => st.uses?.startsWith('actions/upload-artifact') && st.with?.path === 'dist/site')).toBe(true);
  // The one issue printed by one shard; the other said it had none, not that there were none.
  expect(printed).toEqual(['printed']);
  expect(said).toMatch(/shard \d\/2 has none of the 1 issue/);
  expect(said).not.toMatch(/no issue files under/);
  // No package asks for a newer Node than the workflow's 20.
  expect(said).not.toMatch(/EBADENGINE/);
  return said;
}

/**
 * The workflow's font step as a user who may not install packages (nobody, no sudo), on a machine
 * whose fonts it cannot see: it says so as a warning and the job goes on; it never hides a
 * failure, and where it may install, it updates the package lists first.
 */
async function fontStepWithoutSudo(office: string): Promise<void> {
  const workflow = parse(readFileSync(path.join(office, '.github/workflows/briefs.yml'), 'utf8')) as Workflow;
  const step = workflow.jobs.generate.steps.find((s) => /hanazono/i.test(s.run ?? ''))!;
  expect(step.run).not.toMatch(/\|\|\s*(echo|true)/);
  expect(step.run!.indexOf('apt-get update')).toBeGreaterThan(-1);
  expect(step.run!.indexOf('apt-get update')).toBeLessThan(step.run!.indexOf('apt-get install'));
  if (process.getuid?.() !== 0) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-ci-nobody-'));
  temps.push(dir);
  const empty = path.join(dir, 'fonts.conf');
  writeFileSync(empty, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
  writeFileSync(path.join(dir, 'step.sh'), step.run!);
  chmodSync(dir, 0o755);
  const r = await run('su', ['nobody', '-s', '/bin/sh', '-c', `cd ${dir} && FONTCONFIG_FILE=${empty} PATH=/usr/bin:/bin bash -eo pipefail step.sh`]);
  expect(r.stdout + r.stderr).toMatch(/::warning::fonts-hanazono cannot be installed here \(not root, no sudo\)/);
}

describe('the npm package', () => {
  it('installs into an empty folder and runs init, validate and generate there', { timeout: 300_000 }, async () => {
    const packs = mkdtempSync(path.join(os.tmpdir(), 'briefs-pack-'));
    const app = mkdtempSync(path.join(os.tmpdir(), 'briefs-office-'));
    temps.push(packs, app);
    // Without prepack's build: the suite's global setup built lib/ from the source, and other
    // test files use it while this one runs (a build here removed their chunks under them).
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', packs, '--silent'], { cwd: repo, maxBuffer: 16 << 20 });
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
    const made = await briefs('init', 'office');
    // What to do next, as it can be done in a new workspace: briefs is not on the PATH.
    expect(made.stderr).toContain('next, cd office && npm install, then npx briefs validate');
    await briefs('--root', 'office', 'validate');
    await workflowRuns(path.join(app, 'office'));
    await fontStepWithoutSudo(path.join(app, 'office'));
    const { stdout: json } = await briefs('--root', 'office', 'generate', '--json');
    const [issue] = JSON.parse(json).issues;
    expect(issue.status).toBe('printed');
    const pdf = path.join(app, issue.pdf);
    expect(compact(pdfText(pdf))).toContain('关于建立科技工作者建议快速报送机制的建议');
    expect(pdfFonts(pdf).every((f) => /NotoSerifSC|NotoSansSC|LXGWWenKai/.test(f.name) && f.type !== 'Type 3')).toBe(true);
  });
});
