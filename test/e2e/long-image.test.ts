/**
 * The long image for chat apps (generate --png): the issue's printed pages one under the other,
 * 1080 pixels wide, a thin grey gap between them; each page the PDF's page as poppler draws it
 * (a renderer briefs did not use), within a bound; the same bytes again; written only when
 * missing or changed; said by the run and in --json; gone with a withdrawn issue.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const repo = path.resolve(__dirname, '../..');
const ID = 'qingkuang/2026/1';
let dir: string;
let first: { code: number; stdout: string; stderr: string };
const file = (ext: string) => path.join(dir, 'dist', `qingkuang-2026-001.${ext}`);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-png-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  first = await runCli(['--root', dir, '--lang', 'en', 'generate', '--png', '--json', ID, 'jianyi/2026/1']);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Mean grey level difference and dark pixel counts of two images over their common rows. */
function compare(a: PNG, top: number, b: PNG): { mean: number; dark: [number, number] } {
  let diff = 0;
  const dark: [number, number] = [0, 0];
  const rows = Math.min(b.height, a.height - top);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < b.width; x++) {
      const i = ((top + y) * a.width + x) * 4;
      const j = (y * b.width + x) * 4;
      const ga = (a.data[i] + a.data[i + 1] + a.data[i + 2]) / 3;
      const gb = (b.data[j] + b.data[j + 1] + b.data[j + 2]) / 3;
      diff += Math.abs(ga - gb);
      if (ga < 128) dark[0]++;
      if (gb < 128) dark[1]++;
    }
  return { mean: diff / (rows * b.width), dark };
}

describe('the long image', () => {
  it('holds every page, 1080 pixels wide, one under the other with a grey gap, each the PDF’s page', () => {
    expect(first.code, first.stderr).toBe(0);
    const json = JSON.parse(first.stdout) as { issues: { id: string; png: string; pngWritten: boolean; pages: number }[] };
    const issue = json.issues.find((i) => i.id === ID)!;
    expect(issue.pngWritten).toBe(true);
    expect(path.resolve(issue.png)).toBe(file('png'));
    expect(first.stderr).toMatch(/wrote the long image \S*qingkuang-2026-001\.png/);
    expect(first.stderr).toMatch(/2 long images written/);

    const image = PNG.sync.read(readFileSync(file('png')));
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/
      .exec(execFileSync('pdfinfo', [file('pdf')], { encoding: 'utf8' }))!
      .slice(1)
      .map(Number);
    const pageHeight = Math.round((1080 * h) / w);
    expect(image.width).toBe(1080);
    expect(image.height).toBe(issue.pages * pageHeight + (issue.pages - 1) * 24);
    for (let n = 1; n <= issue.pages; n++) {
      const top = (n - 1) * (pageHeight + 24);
      // The gap under each page but the last: grey from side to side.
      if (n < issue.pages)
        for (const x of [0, 540, 1079])
          expect([...image.data.subarray(((top + pageHeight + 12) * 1080 + x) * 4, ((top + pageHeight + 12) * 1080 + x) * 4 + 4)]).toEqual([
            0xd9, 0xd9, 0xd9, 0xff,
          ]);
      // The page as poppler draws the same PDF page at the same width: anti-aliasing apart, the
      // same picture (measured: a mean grey difference of about 2.5 of 255, dark pixels within 2 %).
      const poppler = PNG.sync.read(
        execFileSync('pdftoppm', ['-f', String(n), '-l', String(n), '-scale-to-x', '1080', '-scale-to-y', '-1', '-png', file('pdf')], { maxBuffer: 64 << 20 }),
      );
      const { mean, dark } = compare(image, top, poppler);
      expect(mean, `page ${n}`).toBeLessThan(6);
      expect(Math.abs(dark[0] - dark[1]) / dark[1], `page ${n}`).toBeLessThan(0.05);
    }
  });

  it('is the same bytes again, and is not written again when nothing changed', async () => {
    const bytes = readFileSync(file('png'));
    const before = statSync(file('png')).mtimeMs;
    const again = await runCli(['--root', dir, '--lang', 'en', 'generate', '--png', '--json', ID]);
    expect(again.code, again.stderr).toBe(0);
    expect(statSync(file('png')).mtimeMs).toBe(before);
    expect(JSON.parse(again.stdout).issues[0].pngWritten).toBe(false);
    expect(again.stderr).not.toMatch(/long image/);
    const forced = await runCli(['--root', dir, 'generate', '--png', '--force', ID]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file('png')).equals(bytes)).toBe(true);
  });

  it('is drawn again when it was deleted, though the PDF is up to date', async () => {
    const bytes = readFileSync(file('png'));
    rmSync(file('png'));
    const again = await runCli(['--root', dir, '--lang', 'en', 'generate', '--png', ID]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/cached\s+qingkuang\/2026\/1 .*wrote the long image/);
    expect(readFileSync(file('png')).equals(bytes)).toBe(true);
  });

  it('goes with its issue when the issue file is withdrawn', async () => {
    rmSync(path.join(dir, 'briefs/issues/qingkuang/2026/001.md'));
    const r = await runCli(['--root', dir, 'generate', '--png', 'jianyi/2026/1']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(file('pdf'))).toBe(false);
    expect(existsSync(file('png'))).toBe(false);
    expect(existsSync(path.join(dir, 'dist/jianyi-2026-001.png'))).toBe(true);
  });
});
