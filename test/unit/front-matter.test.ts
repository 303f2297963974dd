import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import type { Diagnostic } from '../../src/messages/diagnostic.js';
import { parseIssue } from '../../src/content/issue.js';
import { authorsFromString, parseSubmission } from '../../src/content/submission.js';

const bulletins = defaultConfig('/ws').bulletins;

function submission(text: string) {
  const diagnostics: Diagnostic[] = [];
  const s = parseSubmission(text, 'briefs/submissions/x.md', bulletins, diagnostics);
  return { s, diagnostics };
}

describe('submission front matter', () => {
  it('reads English keys, a YAML date and a list of author objects', () => {
    const { s, diagnostics } = submission(`---
title: 关于……的建议
publication: jianyi
authors:
  - {name: 张三, title: 研究员, affiliation: 某研究所}
submitted: 2020-03-10
topic: 院士建言
contact: zhang@example.org
---

正文。
`);
    expect(diagnostics).toEqual([]);
    expect(s).toMatchObject({
      id: 'x',
      title: '关于……的建议',
      publication: 'jianyi',
      authors: [{ name: '张三', title: '研究员', affiliation: '某研究所' }],
      submitted: '2020-03-10',
      topic: '院士建言',
      status: 'submitted',
      contact: 'zhang@example.org',
      bodyLine: 10,
    });
    expect(s!.body.trim()).toBe('正文。');
  });

  it('reads Chinese keys, a quoted date, a bulletin in 《》 and a one-string author', () => {
    const { s, diagnostics } = submission(`---
标题: 某项调查
刊物: 《科技界情况》
作者: 王某（中国科学院院士、某研究所研究员）
日期: "2021-1-5"
状态: 已采用
编号: qk-7
---
正文
`);
    expect(diagnostics).toEqual([]);
    expect(s).toMatchObject({
      id: 'qk-7',
      publication: 'qingkuang',
      submitted: '2021-01-05',
      status: 'accepted',
      authors: [{ name: '王某', title: '中国科学院院士、某研究所研究员' }],
    });
  });

  it('treats a YAML date and the same date quoted alike', () => {
    const a = submission('---\ntitle: t\npublication: jianyi\nauthors: 甲\nsubmitted: 2020-03-10\n---\n').s!;
    const b = submission("---\ntitle: t\npublication: jianyi\nauthors: 甲\nsubmitted: '2020-03-10'\n---\n").s!;
    expect(a.submitted).toBe('2020-03-10');
    expect(b.submitted).toBe(a.submitted);
  });

  it('accepts a file with a BOM and CRLF once decoded, and reports what is missing with its field', async () => {
    const { decodeText } = await import('../../src/content/decode.js');
    const found: import('../../src/messages/diagnostic.js').Diagnostic[] = [];
    const text = decodeText(Buffer.from('\uFEFF---\r\ntitle: 只有标题\r\n---\r\n正文\r\n', 'utf8'), 's.md', 'utf-8', found);
    expect(text).toBe('---\ntitle: 只有标题\n---\n正文\n');
    const { s, diagnostics } = submission(text!);
    expect(s).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.field])).toEqual([
      ['missing-field', 'publication'],
      ['missing-field', 'authors'],
      ['missing-field', 'submitted'],
    ]);
  });

  it('splits several authors written in one string', () => {
    expect(authorsFromString('甲（教授）；乙')).toEqual([{ name: '甲', title: '教授' }, { name: '乙' }]);
  });
});

describe('issue front matter', () => {
  it('reads both key languages, the distribution lines and submission lines', () => {
    const diagnostics: Diagnostic[] = [];
    const issue = parseIssue(
      `---
刊物: 科技工作者建议
年份: 2020
期号: 12
印发日期: 2020-03-10
状态: 定稿
稿件:
  - a
  - b
报送:
  报: [中央办公厅]
  送: 科技部，教育部
---
编者按正文
`,
      'briefs/issues/jianyi/2020/012.md',
      bulletins,
      diagnostics,
    );
    expect(diagnostics).toEqual([]);
    expect(issue).toMatchObject({
      id: 'jianyi/2020/12',
      publication: 'jianyi',
      status: 'final',
      submissions: ['a', 'b'],
      submissionLines: [8, 9],
      distribution: { 报: ['中央办公厅'], 送: ['科技部', '教育部'], 发: [] },
      supplement: false,
    });
    expect(issue!.note.trim()).toBe('编者按正文');
  });

  it('numbers supplements apart', () => {
    const issue = parseIssue(
      '---\npublication: jianyi\nyear: 2020\nnumber: 1\nsupplement: true\ndate: 2020-05-01\nsubmissions: [a]\n---\n',
      'f.md',
      bulletins,
      [],
    );
    expect(issue?.id).toBe('jianyi/2020/s1');
  });
});

describe('YAML errors', () => {
  it('point at the file line and column with a frame whose caret lines up under Chinese text', async () => {
    const { parseFrontMatter, codeFrame } = await import('../../src/content/front-matter.js');
    const diagnostics: Diagnostic[] = [];
    parseFrontMatter('---\ntitle: 好\n标题: "未闭合\n---\n', 'f.md', diagnostics);
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', file: 'f.md', line: 3 });
    expect(codeFrame(['---', '标题: x'], 2, 5)).toBe('  1 | ---\n> 2 | 标题: x\n    |       ^');
  });
});
