/**
 * The front matter fast path answers exactly as the `yaml` package (core schema) would, values
 * and places, or not at all: every front matter of the repository's workspaces and fixtures,
 * and a list of awkward ones, read both ways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import { parseSimpleYaml } from '../../src/content/simple-yaml.js';

/** What front-matter.ts's full path makes of the same text. */
function full(source: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0) return { error: true };
  const positions = new Map<string, { line: number; column: number }>();
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items as Pair[]) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const range = (item.key as { range?: number[] }).range!;
      const p = lineCounter.linePos(range[0]);
      positions.set(key, { line: p.line, column: p.col });
      if (isSeq(item.value))
        item.value.items.forEach((node, i) => {
          const q = lineCounter.linePos((node as { range: number[] }).range[0]);
          positions.set(`${key}[${i}]`, { line: q.line, column: q.col });
        });
    }
  } else if (doc.contents !== null) return { error: true };
  return { data: doc.toJS() ?? {}, positions };
}

function frontMatters(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) frontMatters(p, out);
    else if (e.name.endsWith('.md')) {
      const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(p, 'utf8'));
      if (m) out.push(`${m[1]}\n`);
    }
  }
  return out;
}

const AWKWARD = [
  'title: 关于“卡脖子”问题的建议\npublication: jianyi\n',
  'year: 2026\nnumber: 007\ncopies: 1e3\nratio: .5\nneg: -3\nplus: +4\nf: 1.\n',
  'a: true\nb: False\nc: NULL\nd: ~\ne:\nf: yes\ng: no\nh: on\n',
  'date: 2026-03-10\ntime: 12:30\nver: 1.2.3\n',
  "q: 'it''s'\nd: \"双引号\"\ne: ''\nf: \"\"\n",
  'submissions: [a, b, "c, d", \'e\']\nempty: []\nspaced: [ a ,b ]\n',
  'submissions:\n  - a\n  - b\nsame:\n- x\n- y\n',
  'authors:\n  - name: 张三\n    title: 研究员\n    affiliation: 某所\n  - {name: 李四, title: 教授}\n',
  'distribution:\n  报: [中央办公厅, 国务院办公厅]\n  送: [科技部]\n  发: 各省科协\n',
  '# a comment\ntitle: x\n\n# another\nyear: 2026\n',
  'title: x # a comment\n',
  'title: |\n  第一行\n  第二行\n',
  'title: >\n  folded\n',
  'title: 第一行\n  接着写\n',
  'title: a: b\n',
  'title: x\ntitle: y\n',
  'anchor: &a x\nref: *a\n',
  'tagged: !!str 2026\n',
  'hex: 0x1F\noct: 0o17\ninf: .inf\nnan: .NaN\nbig: 12345678901234567890\n',
  'esc: "a\\tb"\n',
  'list: [a, , b]\ntrail: [a, ]\n',
  'nested: [[a], b]\n',
  'map: {a: 1, b: [x]}\n',
  '"quoted key": x\n',
  'key with space: x\n',
  '123: x\ntrue: y\n',
  '__proto__: x\n',
  'title: [试点]方案\n',
  'title: -x\n',
  'title:\tx\n',
  '  indented: x\n',
  'authors:\n  - name: 张三\n    roles:\n      - a\n',
  'authors:\n  - name: 张三\n   title: x\n',
  'distribution:\n  报:\n    - 中央办公厅\n',
  'a: x\r\nb: [1, 2]\r\n',
  'title: 中文：冒号\nsub: 全角，逗号\n',
  'title: 50% 的单位\nurl: https://example.org/a?b=c#d\n',
  'k: v\n---\nk2: v\n',
  '',
  'k: "unclosed\n',
  "k: 'unclosed\n",
  'k: [unclosed\n',
  'k: {a: 1, a: 2}\n',
  '- a\n- b\n',
  'just a string\n',
];

describe('the front matter fast path', () => {
  it('reads every front matter in the repository as yaml does, or leaves it to yaml', () => {
    const root = path.resolve(__dirname, '../..');
    const all = [...frontMatters(path.join(root, 'briefs')), ...frontMatters(path.join(root, 'test/fixtures'))];
    expect(all.length).toBeGreaterThan(50);
    let read = 0;
    for (const source of all) {
      const fast = parseSimpleYaml(source);
      if (!fast) continue;
      read++;
      const ref = full(source);
      expect(ref.error, source).toBeUndefined();
      expect(fast.data, source).toEqual(ref.data);
      expect(fast.positions, source).toEqual(ref.positions);
    }
    // Most real files are simple: the fast path is not a path nobody takes.
    expect(read / all.length).toBeGreaterThan(0.8);
  });

  it('reads awkward front matter as yaml does, or leaves it to yaml', () => {
    const answered: string[] = [];
    for (const source of AWKWARD) {
      const fast = parseSimpleYaml(source);
      if (!fast) continue;
      answered.push(source);
      const ref = full(source);
      expect(ref.error, source).toBeUndefined();
      expect(fast.data, source).toEqual(ref.data);
      expect(fast.positions, source).toEqual(ref.positions);
    }
    // The plain cases are answered here; what it cannot be sure of goes to yaml.
    expect(answered).toContain(AWKWARD[1]);
    expect(answered).toContain(AWKWARD[7]);
    expect(answered).toContain(AWKWARD[8]);
    for (const hard of [
      'title: |\n  第一行\n  第二行\n',
      'title: x # a comment\n',
      'title: 第一行\n  接着写\n',
      'title: x\ntitle: y\n',
      'hex: 0x1F\noct: 0o17\ninf: .inf\nnan: .NaN\nbig: 12345678901234567890\n',
    ])
      expect(answered).not.toContain(hard);
  });
});
