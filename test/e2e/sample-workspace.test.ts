/**
 * Prints the sample workspace with a real Chromium and reads every PDF back with poppler:
 * what an editor would see, not what the templates meant.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { loadWorkspace } from '../../src/content/workspace.js';
import type { IssueFile, Submission } from '../../src/content/model.js';
import { FOOTNOTE, blockTexts } from '../helpers/markdown-text.js';
import { compact, pdfFonts, pdfInfo, pdfText, runningText } from '../helpers/pdf.js';

const root = path.resolve(__dirname, '../..');
let summary: {
  issues: { id: string; publication: string; year: number; number: number; pdf: string; html: string | null; pages: number; status: string; prints: number }[];
};
let stdout: string;
let issues: IssueFile[];
let byId: Map<string, Submission>;

beforeAll(async () => {
  // Printed once for the suite (test/global-setup.ts): generate exited 0 or the suite stopped.
  stdout = inject('sample').summary;
  summary = JSON.parse(stdout);
  const ws = await loadWorkspace(await loadConfig({ root }));
  issues = ws.issues;
  byId = new Map(ws.submissions.map((s) => [s.id, s]));
});

const pdfOf = (id: string) => path.resolve(summary.issues.find((i) => i.id === id)!.pdf);

describe('generate on the sample workspace', () => {
  it('prints one PDF per issue file and says so in one JSON object on stdout', () => {
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(summary.issues.map((i) => i.id).sort()).toEqual(issues.map((i) => i.id).sort());
    for (const i of summary.issues) {
      expect(i.status).toBe('printed');
      expect(i.pages).toBeGreaterThan(0);
      // The page laid out on screen in columns guessed every page break right: one print each.
      expect(i.prints, i.id).toBe(1);
      expect(path.isAbsolute(i.pdf)).toBe(false);
      expect(readFileSync(path.resolve(i.pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('--html writes the printed HTML beside each PDF, with working absolute references to fonts and images', () => {
    for (const i of summary.issues) {
      expect(i.html).toMatch(/\.html$/);
      const html = readFileSync(path.resolve(i.html!), 'utf8');
      expect(html).not.toContain('briefs.invalid');
      const urls = [...html.matchAll(/(?:url\(|src=")(file:\/\/[^)"]+)/g)].map((m) => m[1]);
      expect(urls.length).toBeGreaterThan(10);
      for (const u of new Set(urls)) expect(existsSync(fileURLToPath(u)), u).toBe(true);
    }
    const withImage = readFileSync(path.resolve(summary.issues.find((i) => i.id === 'qingkuang/2026/2')!.html!), 'utf8');
    expect(withImage).toMatch(/<img src="file:\/\/[^"]+society-reports\.svg"/);
  });

  it('the sample covers both bulletins, drafts, a two-article jianyi issue, topics, tables, footnotes, images', () => {
    expect(new Set(issues.map((i) => i.publication))).toEqual(new Set(['jianyi', 'qingkuang']));
    expect(issues.filter((i) => i.publication === 'jianyi').length).toBeGreaterThanOrEqual(3);
    expect(issues.filter((i) => i.publication === 'qingkuang').length).toBeGreaterThanOrEqual(3);
    expect(byId.size).toBeGreaterThanOrEqual(10);
    expect(issues.some((i) => i.status === 'draft')).toBe(true);
    expect(issues.some((i) => i.publication === 'jianyi' && i.submissions.length === 2)).toBe(true);
    const bodies = [...byId.values()].map((s) => s.body).join('\n');
    expect(bodies).toMatch(/^\|.*\|$/m);
    expect(bodies).toMatch(/\[\^1\]:/);
    expect(bodies).toMatch(/!\[[^\]]*\]\([^)]+\)/);
  });

  it.each(['jianyi', 'qingkuang'])('every %s PDF names its bulletin, number, titles and authors, and no contact detail', (bulletin) => {
    for (const issue of issues.filter((i) => i.publication === bulletin)) {
      const text = compact(pdfText(pdfOf(issue.id)));
      expect(text).toContain(bulletin === 'jianyi' ? '科技工作者建议' : '科技界情况');
      expect(text).toContain(`第${issue.number}期`);
      for (const id of issue.submissions) {
        const s = byId.get(id)!;
        expect(text).toContain(compact(s.title));
        for (const a of s.authors) expect(text).toContain(compact(a.name));
        if (s.contact) {
          for (const piece of s.contact.split(/[，,\s]+/)) expect(text).not.toContain(compact(piece));
        }
      }
    }
  });

  it('drops nothing: every paragraph, heading, cell and footnote of every submission is in its issue', () => {
    let checked = 0;
    for (const issue of issues) {
      const text = compact(runningText(pdfOf(issue.id)));
      for (const id of issue.submissions) {
        for (const block of blockTexts(byId.get(id)!.body)) {
          for (const piece of block.split(FOOTNOTE)) expect(text, `${id}: ${piece.slice(0, 30)}…`).toContain(compact(piece));
          checked++;
        }
      }
      for (const block of blockTexts(issue.note)) expect(text).toContain(compact(block));
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('prints on A4 with every font embedded as a subset, none of them Type 3', () => {
    for (const i of summary.issues) {
      const info = pdfInfo(path.resolve(i.pdf));
      expect(info['Page size']).toMatch(/^595(\.\d+)? x 842(\.\d+)? pts \(A4\)$|^594\.96 x 841\.92 pts \(A4\)$/);
      expect(Number(info.Pages)).toBe(i.pages);
      const fonts = pdfFonts(path.resolve(i.pdf));
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(f.type, `${i.id}: ${f.name}`).not.toMatch(/Type 3/);
        expect(f.embedded && f.subset, `${i.id}: ${f.name}`).toBe(true);
        // Only the shipped faces: a system font means a glyph fell through the stacks.
        expect(f.name, i.id).toMatch(/NotoSerifSC|NotoSansSC|LXGWWenKai/);
      }
    }
  });
});
