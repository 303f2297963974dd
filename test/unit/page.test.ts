/**
 * The page of GB/T 9704 is described once (src/layout/page.ts): its figures hold, and no
 * stylesheet or source file writes the page's size or margins again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_MM, GRID, PAGE_MM, folioCss, pageCss } from '../../src/layout/page.js';

const repo = path.resolve(__dirname, '../..');
const files = (dir: string, ext: string) =>
  readdirSync(path.join(repo, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.join(e.parentPath, e.name));

describe('the page', () => {
  it('is A4 with a text block of 156 × 225 mm at 37 mm from the top and 28 mm from the left, 22 lines that fit it', () => {
    expect(PAGE_MM).toMatchObject({ width: 210, height: 297, top: 37, left: 28 });
    expect(BLOCK_MM).toEqual({ width: 156, height: 225 });
    expect(GRID.lines * GRID.linePt).toBeLessThanOrEqual((BLOCK_MM.height * 72) / 25.4);
    expect(GRID.lines * GRID.linePt).toBeGreaterThan((BLOCK_MM.height * 72) / 25.4 - 0.5);
    expect(pageCss()).toContain('@page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }');
    expect(pageCss()).toContain('--line: 28.98pt;');
    expect(folioCss()).toMatch(/@page :right \{ @bottom-right \{ content: "— " counter\(page\) " —";.*padding-top: 7mm/);
  });

  it('is written nowhere else: no stylesheet or source names its size or margins in millimetres', () => {
    const offenders: string[] = [];
    for (const file of [...files('templates/styles', '.css'), ...files('src', '.ts')]) {
      if (file.endsWith(path.join('layout', 'page.ts')) || file.endsWith('ledger.css')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Comments may say what the page is; code may not set it again.
          const code = line.replace(/\/\*.*?\*\/|\/\/.*$|^\s*\*.*$/g, '');
          if (/(?<![\d.])(210|297|37|35|28|26)mm\b|\b(210|297)\s*\*\s*96|twips\((210|297|37|35|28|26|156)\)/.test(code))
            offenders.push(`${path.relative(repo, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
