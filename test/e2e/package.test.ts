/**
 * briefs as an office gets it: packed with npm pack, installed into an empty folder, and run
 * there. Templates and fonts must travel with the package.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfFonts, pdfText, compact } from '../helpers/pdf.js';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '../..');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

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

    await run('npm', ['init', '-y'], { cwd: app });
    await run('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: app, maxBuffer: 64 << 20 });
    const briefs = (...args: string[]) => run(path.join(app, 'node_modules/.bin/briefs'), args, { cwd: app, maxBuffer: 16 << 20 });
    await briefs('init', 'office');
    await briefs('--root', 'office', 'validate');
    const { stdout: json } = await briefs('--root', 'office', 'generate', '--json');
    const [issue] = JSON.parse(json).issues;
    expect(issue.status).toBe('printed');
    const pdf = path.join(app, issue.pdf);
    expect(compact(pdfText(pdf))).toContain('关于建立科技工作者建议快速报送机制的建议');
    expect(pdfFonts(pdf).every((f) => /NotoSerifSC|NotoSansSC|LXGWWenKai/.test(f.name) && f.type !== 'Type 3')).toBe(true);
  });
});
