/**
 * The Word edition opened by another program: LibreOffice turns each bulletin's sample .docx
 * into a PDF, which is read back beside briefs' own: the same text in the same order, about
 * as many pages, "— N —" folios, and the masthead in red.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { assemble, loadProject } from '../../src/workspace/project.js';
import { runCli } from '../helpers/run-cli.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
const ISSUES = ['jianyi/2026/1', 'qingkuang/2026/1'];
const base = (id: string) => id.replace(/\//g, '-').replace(/-(\d+)$/, (_, n: string) => `-${n.padStart(3, '0')}`);
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const han = (s: string) => s.replace(/[^\p{Script=Han}]/gu, '');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-docx-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  const r = await runCli(['--root', dir, 'generate', '--docx', ...ISSUES]);
  expect(r.code, r.stderr).toBe(0);
  // A profile of its own, so that a LibreOffice already running elsewhere does not take the job.
  const profile = `file://${path.join(dir, 'lo-profile')}`;
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      path.join(dir, 'lo'),
      ...ISSUES.map((id) => path.join(dir, 'dist', `${base(id)}.docx`)),
    ],
    {
      stdio: 'ignore',
      timeout: 120_000,
    },
  );
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Word edition in LibreOffice', () => {
  for (const id of ISSUES) {
    it(`${id}: opens with the print's text in order, about its pages, with folios and a red masthead`, async () => {
      const lo = path.join(dir, 'lo', `${base(id)}.pdf`);
      const own = path.join(dir, 'dist', `${base(id)}.pdf`);
      expect(Math.abs(pages(lo) - pages(own))).toBeLessThanOrEqual(1);
      for (let n = 1; n <= pages(lo); n++)
        expect(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), lo, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(`—${n}—`);
      // Every paragraph of every article, in order (Han characters only: spacing differs).
      const project = await loadProject(await loadConfig({ root: dir }));
      const articles = assemble(
        project,
        project.issues.find((i) => i.id === id)!,
      ).articles;
      // Word sets a note at the foot of its page, inside whatever paragraph runs on: out first.
      const notes = articles.flatMap((a) => [...a.submission.body.matchAll(/^\[\^\w+\]:(.*)$/gm)].map((m) => han(m[1])));
      let text = han(execFileSync('pdftotext', [lo, '-'], { encoding: 'utf8' }));
      for (const note of notes) text = text.replace(note, '');
      let at = 0;
      for (const art of articles) {
        for (const para of art.submission.body.split(/\n\s*\n/).filter((p) => !/^\s*(\||\[\^)/.test(p))) {
          const want = han(para.replace(/\[\^\w+\]/g, ''));
          if (!want) continue;
          const found = text.indexOf(want, at);
          expect(found, para.slice(0, 30)).toBeGreaterThanOrEqual(at);
          at = found + want.length;
        }
      }
      // The masthead: red pixels in the top third of page 1.
      const png = PNG.sync.read(execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-png', lo]));
      let red = 0;
      for (let y = 0; y < png.height / 3; y++)
        for (let x = 0; x < png.width; x++) {
          const i = (y * png.width + x) * 4;
          if (png.data[i] > 150 && png.data[i] - png.data[i + 1] > 80 && png.data[i] - png.data[i + 2] > 80) red++;
        }
      expect(red).toBeGreaterThan(100);
      expect(readFileSync(lo).length).toBeGreaterThan(0);
    });
  }
});

describe('the Word edition on a rerun', () => {
  it('is not written again when nothing changed', async () => {
    const file = path.join(dir, 'dist', `${base(ISSUES[0])}.docx`);
    const before = statSync(file).mtimeMs;
    const again = await runCli(['--root', dir, 'generate', '--docx', ...ISSUES]);
    expect(again.code, again.stderr).toBe(0);
    expect(statSync(file).mtimeMs).toBe(before);
  });
});

describe('docx: true in the config', () => {
  it('writes the Word edition beside each PDF without --docx', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'briefs-docx-config-'));
    try {
      cpSync(path.join(repo, 'briefs'), path.join(ws, 'briefs'), { recursive: true });
      writeFileSync(path.join(ws, 'briefs.config.yaml'), 'docx: true\n');
      const r = await runCli(['--root', ws, 'generate', 'jianyi/2026/3', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const [issue] = JSON.parse(r.stdout).issues;
      expect(issue.docx).toMatch(/jianyi-2026-003\.docx$/);
      expect(statSync(path.resolve(issue.docx)).size).toBeGreaterThan(1000);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
