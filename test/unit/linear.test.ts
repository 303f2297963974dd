/**
 * Every check of a file is linear in its size (issue: one 1 MiB line once took 515 s of CPU).
 * Each hostile text is read the way `validate` reads it, at 100 KB and at 1 MiB: ten times the
 * text may take about ten times as long, never a hundred. The texts are the ones that were
 * quadratic: a link-target regex, line lookups per warning, marked's emphasis matching,
 * sanitize-html's parser on unclosed tags, a pile of unclosed <script> blocks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/workspace/project.js';
import { loadConfig } from '../../src/config/load.js';

const HOSTILE: Record<string, (size: number) => string> = {
  'half-closed link targets': (n) => '研究' + '](('.repeat(n / 3),
  '50,000 unsafe links': (n) => '[x](javascript:1)\n\n'.repeat(n / 19),
  'a half-width comma on every line': (n) => '研究,发展\n'.repeat(n / 14),
  'unmatched underscores': (n) => '_a'.repeat(n / 2),
  'unmatched asterisks in paragraphs': (n) => ('a*'.repeat(3000) + '\n\n').repeat(n / 6002),
  'unmatched asterisks beside half-width marks': (n) => ('a*研究,'.repeat(600) + '\n\n').repeat(n / 6002),
  'one paragraph of underscores after a half-width mark': (n) => '研究,' + '_a'.repeat(n / 2 - 5),
  'one long line of marks and code spans': (n) => '研究,`a`'.repeat(n / 13),
  'unclosed tags': (n) => '<div>' + '<b>'.repeat(n / 3),
  'unclosed script blocks': (n) => '<script>\n\n'.repeat(n / 10),
};

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function timeValidate(body: string): Promise<number> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'briefs-linear-'));
  roots.push(root);
  mkdirSync(path.join(root, 'briefs/submissions'), { recursive: true });
  writeFileSync(path.join(root, 'briefs/submissions/a.md'), `---\ntitle: 题\npublication: jianyi\nauthors: 张三\nsubmitted: 2026-01-01\n---\n${body}\n`);
  const config = await loadConfig({ root });
  const start = performance.now();
  const project = await loadProject(config);
  const ms = performance.now() - start;
  expect(project.diagnostics.map((d) => d.code)).not.toContain('file-too-large');
  return ms;
}

describe('checks are linear in the size of a file', () => {
  it.each(Object.entries(HOSTILE))(
    '%s',
    async (_name, make) => {
      await timeValidate(make(10_000)); // warm the parsers and the JIT
      const small = Math.min(await timeValidate(make(100_000)), await timeValidate(make(100_000)));
      const large = await timeValidate(make(1_000_000));
      // Linear is about 10; the quadratic code this guards against gave 100 or more.
      expect(large / Math.max(small, 5)).toBeLessThan(30);
    },
    120_000,
  );
});

describe('what the bounds say', () => {
  it('prints an overlong paragraph as plain text, with an error at its line', async () => {
    const { renderMarkdown, MAX_INLINE } = await import('../../src/render/markdown.js');
    const d: import('../../src/messages/diagnostic.js').Diagnostic[] = [];
    const long = `**粗**${'研'.repeat(MAX_INLINE)}<b>`;
    const html = renderMarkdown(
      { markdown: `第一段。\n\n${long}\n\n末段*强调*。`, file: 's.md', firstLine: 7, idPrefix: 'a1-', resolveImage: () => ({ url: 'x' }) },
      d,
    );
    expect(d.map((x) => `${x.code}@${x.line}`)).toEqual(['block-too-long@9']);
    expect(html).toContain('**粗**研研');
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('<em>强调</em>');
  });

  it('lists ten problems of a kind a file, and counts the rest in both languages', async () => {
    const { capRepeats } = await import('../../src/messages/diagnostic.js');
    const { localize } = await import('../../src/messages/messages-zh.js');
    const many = Array.from({ length: 25 }, (_, i) => ({
      severity: 'warning' as const,
      code: 'unsafe-link' as const,
      file: 'a.md',
      line: i + 1,
      message: 'm',
      data: { href: 'x' },
    }));
    const other = { severity: 'error' as const, code: 'too-long' as const, file: 'a.md', message: 'n' };
    const capped = capRepeats([...many, other, { ...many[0], file: 'b.md' }]);
    expect(capped.map((x) => `${x.file}:${x.code}:${x.line ?? ''}:${x.more ?? 0}`)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `a.md:unsafe-link:${i + 1}:0`),
      'a.md:unsafe-link:10:15',
      'a.md:too-long::0',
      'b.md:unsafe-link:1:0',
    ]);
    expect(localize(capped[9], 'en').message).toBe('m (and 15 more like it in this file)');
    expect(localize(capped[9], 'zh').message).toBe('已删除链接目标“x”（本文件另有 15 处同类问题）');
  });
});
