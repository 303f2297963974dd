import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleIssue } from '../../src/assemble/issue.js';
import { defaultConfig } from '../../src/config/defaults.js';
import type { IssueFile, Submission } from '../../src/content/model.js';
import { renderIssueHtml } from '../../src/render/document.js';
import { createEnvironment } from '../../src/render/environment.js';
import { loadTemplates, TOOL_TEMPLATES } from '../../src/render/template-files.js';

const config = defaultConfig('/ws');
const submission: Submission = {
  id: 's',
  file: 'briefs/submissions/s.md',
  title: '关于<script>的建议',
  publication: 'jianyi',
  authors: [{ name: '张三' }],
  submitted: '2026-01-01',
  status: 'accepted',
  body: '正文<img src=x onerror=alert(1)>。\n',
  bodyLine: 5,
  contact: 'secret@example.org',
};
const issue: IssueFile = {
  id: 'jianyi/2026/1',
  file: 'briefs/issues/jianyi/2026/001.md',
  publication: 'jianyi',
  year: 2026,
  number: 1,
  date: '2026-03-10',
  submissions: ['s'],
  submissionLines: [7],
  status: 'final',
  distribution: { 报: ['甲'], 送: [], 发: [] },
  supplement: false,
  note: '',
  noteLine: 1,
};

async function render(workspaceTemplates?: string) {
  const env = createEnvironment(await loadTemplates(workspaceTemplates));
  const a = assembleIssue(issue, config.bulletins.jianyi, new Map([['s', submission]]));
  const rendered = renderIssueHtml(a, { config, env, fontFaces: '', assetUrl: (r) => r, assetProblem: () => undefined });
  return { html: rendered.html(), diagnostics: rendered.diagnostics };
}

describe('templates', () => {
  it('renders the built-in layout, escaping every value and dropping raw HTML attributes', async () => {
    const { html, diagnostics } = await render();
    expect(html).toContain('科技工作者建议');
    expect(html).toContain('2026年3月10日');
    expect(html).toContain('关于&lt;script&gt;的建议');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('secret@example.org');
    expect(diagnostics.map((d) => d.code)).toEqual(['unsafe-html']);
  });

  it('lets a workspace replace a partial and add local.css, keeping every other built-in file', async () => {
    const { html } = await render(path.resolve(__dirname, '../fixtures/override/templates'));
    expect(html).toContain('科技工作者建议（本单位样式）');
    expect(html).toContain('letter-spacing: 0.2em');
    // The replaced partial is gone; the built-in article and distribution partials still render.
    expect(html).not.toContain('class="publisher-line"');
    expect(html).toContain('class="distribution"');
    expect(html).toContain('class="article-title"');
    const set = await loadTemplates(path.resolve(__dirname, '../fixtures/override/templates'));
    expect(set.files.filter((f) => f.startsWith(TOOL_TEMPLATES)).map((f) => path.basename(f))).toContain('article.hbs');
  });
});
