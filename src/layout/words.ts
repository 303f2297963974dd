/**
 * Words of a title with their parts of speech, from jieba's dictionary (@node-rs/jieba, its
 * binary shipped inside the registry package). ICU's word segmenter, which briefs used before,
 * gives no parts of speech and splits words it does not know into characters; a typesetter's
 * phrases (phrase-breaks.ts) need to know a verb from a noun. The dictionary takes about 0.2 s to
 * load, so it loads on the first title that does not fit its line, never for a run that renders
 * nothing. A few terms of the bulletins' own vocabulary are added, so that 碳中和 or 卡脖子
 * stay whole.
 */
import { createRequire } from 'node:module';

export interface TaggedWord {
  word: string;
  /** jieba's part of speech: n noun, v verb, vn verbal noun, p preposition, c conjunction, uj 的, f postposition, m numeral … */
  tag: string;
}

interface Tagger {
  tag(sentence: string, hmm?: boolean): TaggedWord[];
}

/** Terms of science-and-technology policy that jieba's dictionary splits. */
const TERMS =
  '碳达峰 碳中和 卡脖子 新质生产力 揭榜挂帅 非升即走 大模型 双碳 包干制 唯影响因子 四唯 科技特派员 概念验证 首台套 应急管理 科技社团 全国学会 决策咨询 ' +
  '科技工作者 科普场馆 数字鸿沟 组织方式 尽职免责 有组织科研 最初一公里 科技成果转化 成果转化 关键核心技术 技术攻关 科技攻关';

let tagger: Tagger | undefined;

function load(): Tagger {
  if (!tagger) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Tagger & { loadDict(dict: Uint8Array): void } } };
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(
      Buffer.from(
        TERMS.split(' ')
          .map((w) => `${w} 100000 n`)
          .join('\n'),
      ),
    );
    tagger = jieba;
  }
  return tagger;
}

/** The text's words, in order; joined, they are the text. */
export function taggedWords(text: string): TaggedWord[] {
  return load().tag(text, true);
}
