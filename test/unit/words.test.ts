/**
 * The title breaker's words come from a jieba given only the dictionary's words found in each
 * title (src/layout/words.ts), to keep the whole dictionary out of memory. It must give what
 * jieba with the whole dictionary gives: compared here over every title of the corpus and every
 * sentence of the repository's Markdown (about 3,000 texts of Chinese prose).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { taggedWords, type TaggedWord } from '../../src/layout/words.js';

const repo = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const { Jieba } = require('@node-rs/jieba') as {
  Jieba: { withDict(d: Uint8Array): { tag(s: string, hmm: boolean): TaggedWord[]; loadDict(d: Uint8Array): void } };
};
const TERMS =
  '碳达峰 碳中和 卡脖子 新质生产力 揭榜挂帅 非升即走 大模型 双碳 包干制 唯影响因子 四唯 科技特派员 概念验证 首台套 应急管理 科技社团 全国学会 决策咨询 ' +
  '科技工作者 科普场馆 数字鸿沟 组织方式 尽职免责 有组织科研 最初一公里 科技成果转化 成果转化 关键核心技术 技术攻关 科技攻关';

describe('jieba with each title’s own words', () => {
  const whole = Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  whole.loadDict(
    Buffer.from(
      TERMS.split(' ')
        .map((w) => `${w} 100000 n`)
        .join('\n'),
    ),
  );
  const titles = readFileSync(path.join(repo, 'test/fixtures/titles/corpus.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.replace(/\//g, ''));
  const prose = execFileSync('git', ['ls-files', '*.md'], { cwd: repo, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .flatMap((f) => readFileSync(path.join(repo, f), 'utf8').split(/[。；！？\n]/))
    .filter((s) => /[\u4e00-\u9fff]/.test(s) && s.length < 120);

  it('gives the words and tags the whole dictionary gives, for every title and sentence', () => {
    const texts = [...titles, ...prose, '关于加快建立国家重大科研基础设施开放共享机制的建议', '𠀀𪚥与“卡脖子”技术攻关2026年3.5亿元'];
    expect(texts.length).toBeGreaterThan(2000);
    const differ = texts.filter((t) => JSON.stringify(taggedWords(t)) !== JSON.stringify(whole.tag(t, true)));
    expect(differ).toEqual([]);
  });

  it('keeps the bulletins’ terms whole', () => {
    expect(taggedWords('推动科技成果转化，破解卡脖子难题').map((w) => w.word)).toEqual(expect.arrayContaining(['科技成果转化', '卡脖子']));
  });
});
