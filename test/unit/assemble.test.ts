import { describe, expect, it } from 'vitest';
import { assembleIssue } from '../../src/assemble/issue.js';
import { crossCheck } from '../../src/assemble/cross-check.js';
import { defaultConfig } from '../../src/config/defaults.js';
import type { IssueFile, Submission } from '../../src/content/model.js';
import { makeIssue } from '../helpers/factories.js';

const { bulletins } = defaultConfig('/ws');

function sub(id: string, topic?: string, publication = 'qingkuang'): Submission {
  return {
    id,
    file: `s/${id}.md`,
    title: `标题${id}`,
    publication,
    authors: [{ name: '甲' }],
    submitted: '2020-01-01',
    topic,
    status: 'accepted',
    body: '',
    bodyLine: 1,
  };
}

function issue(submissions: string[], extra: Partial<IssueFile> = {}): IssueFile {
  return makeIssue({ id: 'qingkuang/2020/1', submissions, ...extra });
}

describe('assembling an issue', () => {
  const subs = new Map([sub('a', '动态'), sub('b', '建言'), sub('c', '动态'), sub('d')].map((s) => [s.id, s]));

  it('groups qingkuang reports under topics in the order topics first appear', () => {
    const a = assembleIssue(issue(['a', 'b', 'c', 'd']), bulletins.qingkuang, subs);
    expect(a.groups.map((g) => [g.topic, g.articles.map((x) => x.submission.id)])).toEqual([
      ['动态', ['a', 'c']],
      ['建言', ['b']],
      [undefined, ['d']],
    ]);
    expect(a.articles.map((x) => [x.submission.id, x.index, x.anchor])).toEqual([
      ['a', 1, 'article-1'],
      ['c', 2, 'article-2'],
      ['b', 3, 'article-3'],
      ['d', 4, 'article-4'],
    ]);
  });

  it('keeps the issue file order for jianyi', () => {
    const a = assembleIssue(issue(['c', 'a'], { publication: 'jianyi' }), bulletins.jianyi, subs);
    expect(a.articles.map((x) => x.submission.id)).toEqual(['c', 'a']);
    expect(a.groups).toHaveLength(1);
  });
});

describe('cross-file checks', () => {
  it('finds unknown ids, repeats, wrong bulletins, rejected pieces and duplicate issues', () => {
    const rejected = { ...sub('r'), status: 'rejected' as const };
    const subs = [sub('a'), sub('j', undefined, 'jianyi'), rejected, sub('b'), sub('d'), { ...sub('d'), file: 's/0-impostor.md' }];
    const issues = [issue(['d', 'zz', 'j', 'r']), issue(['a'], { file: 'i/1b.md' }), issue(['a'], { id: 'qingkuang/2020/3', number: 3, file: 'i/3.md' })];
    const codes = crossCheck(subs, issues).map((d) => `${d.code}@${d.file}:${d.line ?? ''}`);
    expect(codes).toEqual([
      // A duplicated id: both files and the issue that names it, never first-wins.
      'duplicate-id@s/d.md:1',
      'duplicate-id@s/0-impostor.md:1',
      'duplicate-id@i/1.md:8',
      'unknown-submission@i/1.md:9',
      'wrong-bulletin@i/1.md:10',
      'rejected-in-issue@i/1.md:11',
      'duplicate-issue@i/1b.md:',
      'duplicate-issue@i/1.md:',
      'submission-in-two-issues@i/3.md:8',
      'numbering-gap@i/3.md:',
    ]);
  });
});

describe('shards', () => {
  it('split issues into disjoint, stable subsets that cover them all', async () => {
    const { inShard, parseShard } = await import('../../src/workspace/select.js');
    const ids = Array.from({ length: 60 }, (_, i) => `qingkuang/2026/${i + 1}`);
    const shards = [1, 2, 3].map((i) => ids.filter((id) => inShard(id, parseShard(`${i}/3`))));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    expect(shards.every((s) => s.length > 10)).toBe(true);
    // The shard of an issue depends on its id alone, and never changes between versions (CI
    // runners rely on it): FNV-1a of "jianyi/2026/1" is 3352585288 (computed outside briefs).
    expect([1, 2, 3].filter((i) => inShard('jianyi/2026/1', parseShard(`${i}/3`)))).toEqual([(3352585288 % 3) + 1]);
    expect([1, 2, 3, 4].filter((i) => inShard('jianyi/2026/1', parseShard(`${i}/4`)))).toEqual([(3352585288 % 4) + 1]);
    expect(() => parseShard('4/3')).toThrow(/--shard/);
    expect(() => parseShard('0/3')).toThrow(/--shard/);
  });
});
