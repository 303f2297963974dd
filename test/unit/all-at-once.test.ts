/**
 * validate says every problem at once: a submission whose front matter has errors (a missing
 * field, a value of the wrong kind, YAML that does not parse) still has its text checked, so
 * that fixing the front matter brings no new warnings about the text.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { loadProject } from '../../src/workspace/project.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'briefs-all-at-once-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Half-width marks in Chinese text, a Markdown image that does not exist, and a very long text. */
const BODY = '这是正文,其中有半角逗号.\n\n![图](../../assets/none.png)\n';

async function problems(frontMatter: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(root, 'ws-'));
  mkdirSync(path.join(dir, 'briefs/submissions/jianyi'), { recursive: true });
  mkdirSync(path.join(dir, 'briefs/issues'), { recursive: true });
  writeFileSync(path.join(dir, 'briefs/submissions/jianyi/a.md'), `---\n${frontMatter}\n---\n${BODY}`);
  const project = await loadProject(await loadConfig({ root: dir }));
  return project.diagnostics.map((d) => `${d.code}:${d.line ?? ''}`);
}

describe('validate, every problem at once', () => {
  it('checks the text of a submission that has no problem, as the baseline', async () => {
    const found = await problems('title: 关于某事的建议\npublication: jianyi\nauthors: 张三\nsubmitted: 2026-01-01');
    expect(found.filter((c) => c.startsWith('halfwidth-punctuation')).length).toBe(2);
    expect(found.some((c) => c.startsWith('image-missing'))).toBe(true);
  });

  it.each([
    ['a missing field', 'publication: jianyi\nauthors: 张三\nsubmitted: 2026-01-01', 'missing-field'],
    ['a value of the wrong kind', 'title: 关于某事的建议\npublication: jianyi\nauthors: 张三\nsubmitted: 明天', 'invalid-date'],
    ['an unknown bulletin', 'title: 关于某事的建议\npublication: 不存在\nauthors: 张三\nsubmitted: 2026-01-01', 'unknown-bulletin'],
    ['YAML that does not parse', 'title: [关于某事\npublication: jianyi', 'yaml-syntax'],
  ])('checks the text of a submission with %s in its front matter', async (_, fm, code) => {
    const found = await problems(fm);
    expect(
      found.some((c) => c.startsWith(`${code}:`)),
      found.join(' '),
    ).toBe(true);
    // The text's problems too, on the text's own lines (the front matter's lines counted).
    const lines = fm.split('\n').length;
    expect(found.filter((c) => c.startsWith('halfwidth-punctuation:')).map((c) => Number(c.split(':')[1]))).toEqual([lines + 3, lines + 3]);
    expect(found.some((c) => c.startsWith('image-missing'))).toBe(true);
  });
});
