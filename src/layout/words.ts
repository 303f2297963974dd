/**
 * Words of a title with their parts of speech, from jieba's dictionary (@node-rs/jieba, its
 * binary shipped inside the registry package). ICU's word segmenter, which briefs used before,
 * gives no parts of speech and splits words it does not know into characters; a typesetter's
 * phrases (phrase-breaks.ts) need to know a verb from a noun. A few terms of the bulletins' own
 * vocabulary are added, so that 碳中和 or 卡脖子 stay whole.
 *
 * jieba holding its whole dictionary (349,045 words) took about 55 MB for the rest of a run, a
 * third of generate's memory. So the dictionary's text is kept as it is on disk, with a hash
 * index of its words (9 MB together), and each title is tagged by a jieba given only the words
 * that occur in that title, built in about 0.25 ms. That gives the same words and tags as the
 * whole dictionary: jieba's choice between segmentations depends on the words that can match
 * the text and on one number from the rest, the sum of all frequencies, which a filler entry
 * that can match nothing keeps equal (test/unit/words.test.ts compares the two over every
 * title of the corpus and every sentence of the docs).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface TaggedWord {
  word: string;
  /** jieba's part of speech: n noun, v verb, vn verbal noun, p preposition, c conjunction, uj 的, f postposition, m numeral … */
  tag: string;
}

interface Tagger {
  tag(sentence: string, hmm?: boolean): TaggedWord[];
  loadDict(dict: Uint8Array): void;
}
type JiebaClass = { withDict(dict: Uint8Array): Tagger };

/** Terms of science-and-technology policy that jieba's dictionary splits. */
const TERMS = (
  '碳达峰 碳中和 卡脖子 新质生产力 揭榜挂帅 非升即走 大模型 双碳 包干制 唯影响因子 四唯 科技特派员 概念验证 首台套 应急管理 科技社团 全国学会 决策咨询 ' +
  '科技工作者 科普场馆 数字鸿沟 组织方式 尽职免责 有组织科研 最初一公里 科技成果转化 成果转化 关键核心技术 技术攻关 科技攻关'
).split(' ');
const TERM_DICT = Buffer.from(TERMS.map((w) => `${w} 100000 n`).join('\n'));
/** jieba's longest word, in characters: no longer piece of a title can match one. */
const LONGEST = 16;
/** A word no text holds (two Unicode noncharacters), carrying the rest of the frequencies. */
const FILLER = '\uFDD0\uFDD1';

interface Dictionary {
  Jieba: JiebaClass;
  /** jieba's dict.txt, "word frequency tag" a line. */
  text: Buffer;
  /** Open addressing: a word's hash → the offset of its line (−1 empty). */
  slots: Int32Array;
  total: number;
}

let dictionary: Dictionary | undefined;
const fnv = (b: Uint8Array, from: number, to: number) => {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i], 16777619);
  return h >>> 0;
};

function load(): Dictionary {
  if (dictionary) return dictionary;
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as { Jieba: JiebaClass };
  // The file itself: the package's dict.js also reads its 6 MB IDF table, which briefs never uses.
  const text = readFileSync(require.resolve('@node-rs/jieba/dict.txt'));
  const slots = new Int32Array(1 << 20).fill(-1);
  const mask = slots.length - 1;
  let total = 0;
  for (let at = 0; at < text.length;) {
    const space = text.indexOf(0x20, at);
    let end = text.indexOf(0x0a, at);
    if (end < 0) end = text.length;
    if (space > at && space < end) {
      let slot = fnv(text, at, space) & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = at;
      for (let i = space + 1, f = 0; ; i++) {
        if (text[i] < 0x30 || text[i] > 0x39) {
          total += f;
          break;
        }
        f = f * 10 + text[i] - 0x30;
      }
    }
    at = end + 1;
  }
  return (dictionary = { Jieba, text, slots, total });
}

/** The offset of the word's line in the dictionary, or −1. */
function find(d: Dictionary, word: Buffer): number {
  const mask = d.slots.length - 1;
  for (let slot = fnv(word, 0, word.length) & mask; d.slots[slot] >= 0; slot = (slot + 1) & mask) {
    const at = d.slots[slot];
    if (d.text[at + word.length] === 0x20 && d.text.compare(word, 0, word.length, at, at + word.length) === 0) return at;
  }
  return -1;
}

/** A jieba that knows the dictionary's words found in `text`, the terms, and the whole dictionary's total frequency. */
function taggerFor(text: string): Tagger {
  const d = load();
  const chars = Array.from(text);
  const lines = new Set<number>();
  const add = (word: string) => {
    const at = find(d, Buffer.from(word));
    if (at >= 0) lines.add(at);
  };
  for (let i = 0; i < chars.length; i++) for (let n = 1; n <= LONGEST && i + n <= chars.length; n++) add(chars.slice(i, i + n).join(''));
  // The terms' own entries too, so that loading the terms over them counts as it did over the whole dictionary.
  for (const term of TERMS) add(term);
  const parts: Buffer[] = [];
  let held = 0;
  for (const at of lines) {
    let end = d.text.indexOf(0x0a, at);
    if (end < 0) end = d.text.length;
    const line = d.text.subarray(at, end);
    held += Number(line.toString('latin1').split(' ')[1]);
    parts.push(line, Buffer.from('\n'));
  }
  parts.push(Buffer.from(`${FILLER} ${d.total - held} x`));
  const jieba = d.Jieba.withDict(Buffer.concat(parts));
  jieba.loadDict(TERM_DICT);
  return jieba;
}

/** The text's words, in order; joined, they are the text. */
export function taggedWords(text: string): TaggedWord[] {
  return taggerFor(text).tag(text, true);
}
