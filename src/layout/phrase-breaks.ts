/**
 * Where a title may break, as a 公文 typesetter reads it (GB/T 9704-2012 §7.3.3, 词意完整):
 * each word of the title with the cost of ending a line before it. A word segmenter's words are
 * too small (应急|管理, 产业|链 are two words to it); typesetters break between phrases:
 *
 *   0  after 、，：；
 *   1  before a verb that opens a new verb phrase after a complete one (…开放共享机制 / 提升…),
 *      before a verb of saying and after it (青年科技人员 / 反映 / …), before a prepositional
 *      phrase (…国际科技组织 / 在华设立…) and after the postposition that closes one (…改革中 /)
 *   3  after a 的-phrase
 *   4  before 和、与、及 joining two phrases (not two short words: 建设和管理)
 *   5  between a governing verb and its object (关于加快建立 / 国家…), inside a long run of nouns
 *      after a word that closes a phrase (…基础设施 / 开放共享机制)
 *   7  before a quoted term
 *  12  inside 在……中
 *  50  inside quotation marks or 《》 (a quoted term longer than a line)
 *  20  anywhere else between two words, right after a preposition too (only when nothing better fits)
 *   ∞  before 的, a particle, a postposition or closing punctuation; after opening punctuation, a
 *      conjunction or an adverb; inside a Latin word or a number; before the 建议 of a
 *      closing 的建议 (关于 alone on a line is a shape rule: title-lines.ts)
 *
 * The lexicons below are what the parts of speech cannot tell (jieba calls 组织 a verb in 国际
 * 科技组织): verbs that open a phrase in policy titles, verbs of saying, adverbs, and the nouns
 * that close a phrase. Pure but for the dictionary (words.ts); test/fixtures/titles/corpus.txt
 * holds the judgement these rules are measured against.
 */
import { taggedWords, type TaggedWord } from './words.js';

export interface TitleWord extends TaggedWord {
  /** The cost of ending a line before this word (Infinity: never; the first word's is Infinity). */
  cost: number;
}

const lexicon = (words: string) => new Set(words.trim().split(/\s+/));

/** Verbs that open a verb phrase in a title: a break before one, after a complete phrase, reads best. */
const OPENING_VERBS = lexicon(`
  推动 加快 完善 加强 建立 健全 建立健全 促进 提升 提高 推进 优化 发挥 充分发挥 构建 强化 深化 实施 破除 防范 保障 打通 赋予
  扩大 减轻 助力 鼓励 引导 改进 统筹 纳入 设立 牵头 承担 弥合 缓解 影响 制约 突破 实现 减少 增强 畅通 加大 引进 培育 打造 探索
  推广 开展 参与 承接 制定 面临 存在 呼吁 热议 亟待 尚未 仍 仍有 做好 用好 筑牢 守住 激发 释放 提振 夯实 拓展 拓宽 补齐 破解
  厘清 明确 理顺 打破 防止 避免 解决 推行 构筑 营造 保护 辅助 对接 融入 共建 稳定`);
/** Verbs of saying and attending, whose object is a clause: a break after them is a good one. */
const SAYING = lexicon('反映 建议 关注 呼吁 热议 认为 提出 指出 希望 期待 建言');
/** Adverbs that open a verb phrase: a break before them, never after. */
const ADVERBS = lexicon('长期 快速 进一步 切实 深度 深入 全面 大力 积极 充分 持续 着力 加速 有序 稳步 更好 更加 不断 加快推进');
/** Postpositions that close a prepositional phrase (在……中). */
const POSTPOSITIONS = lexicon('中 上 下 内 外 间 里 后 前 以来 之间 之中 方面 期间 当中');
/** Nouns that close a complete phrase: a long run of nouns may divide after one. */
const HEADS = [
  ...lexicon(`
  机制 体系 设施 平台 能力 水平 政策 制度 体制 改革 机构 队伍 项目 技术 产业 产业链 领域 地区 企业 高校 院所 社团 作用 环境
  攻关 评价 管理 服务 保护 发展 应用 监管 人员 科学家 工作者 数据 信息 模型 电池 经济带 转化 建设 中心 高地 方式 工作
  成果 资源 计划 需求 战略 人才队伍 科技人才 基础研究 科学普及 生态环境 利用 评估 保障 装备 基金`),
];
const closesPhrase = (word: string) => HEADS.some((h) => word.endsWith(h));
const CONJUNCTIONS = /^[与和及并或]$/;

const PARTICLE = /^(uj|ul|uz|ug|ud|uv|y|e|u)$/;
const CLOSING = /^[，。、；：！？）》」』】〕”’%‰…—]+$/u;
const OPENING = /^[（《「『【〔“‘]+$/u;
const NOUNISH = /^(n|nr|ns|nt|nz|nrt|nrfg|ng|vn|an|j|l|i|eng|b|s|t|r|x)$/;
const OBJECT = /^(n|nz|nt|ns|j|l|an|b|nrt)$/;
const LATIN = /^[A-Za-z0-9.&+\-_/%#@'’]+$/;

const chars = (s: string) => [...s].length;

/** A verb with its object after it (推动 / 长江…), not one used as a noun's head (经费保障不足). */
function takesObject(words: readonly TaggedWord[], i: number): boolean {
  const next = words[i + 1];
  if (!next || next.word === '的' || PARTICLE.test(next.tag) || CLOSING.test(next.word)) return false;
  // 引进和稳定人才: two verbs sharing an object; 保护与教育: the head of a noun, no verb.
  if (next.tag === 'c' || CONJUNCTIONS.test(next.word)) return /^(v|a)$/.test(words[i + 2]?.tag ?? '');
  if (words[i].tag === 'a') return NOUNISH.test(next.tag);
  // 保障不足, 压力过大: an adjective as the predicate, not before what it qualifies
  if (/^(a|ad|d)$/.test(next.tag)) return words[i + 2] !== undefined && (NOUNISH.test(words[i + 2].tag) || /^(v|vn)$/.test(words[i + 2].tag));
  return true;
}

/**
 * 和 inside one phrase: between two short words that share what follows (建设和管理的, 汇交与共享
 * 机制) or two verbs that share an object (引进和稳定人才), or between two nouns with a short second
 * (影响力和话语权). Between two phrases (监测预警 / 和风险防范能力建设) it is a fair place.
 */
function tightCoordination(words: readonly TaggedWord[], i: number): boolean {
  const before = words[i - 1];
  const next = words[i + 1];
  if (!next) return true;
  let after = 0;
  for (let k = i + 2; k < words.length && words[k].word !== '的' && !/^[、，：；]$/.test(words[k].word); k++) after += chars(words[k].word);
  if (
    chars(before.word) <= 3 &&
    chars(next.word) <= 3 &&
    (after <= 2 || (before.tag === 'v' && /^(v|a)$/.test(next.tag) && NOUNISH.test(words[i + 2]?.tag ?? '')))
  )
    return true;
  return NOUNISH.test(before.tag) && before.tag !== 'x' && chars(next.word) + after <= 4;
}

/** A verb that opens a phrase (cost 1), if what precedes it is a phrase of its own (see titleWords). */
const OPENS = 1.0001;

function costBefore(words: readonly TaggedWord[], i: number, inside: boolean): number {
  const t = words[i];
  const prev = words[i - 1];
  if (!prev) return Infinity;
  if (CLOSING.test(t.word) || OPENING.test(prev.word)) return Infinity;
  // Inside quotation marks or 《》: only a quoted term longer than the line breaks there.
  if (inside) return 50;
  if (PARTICLE.test(t.tag) || t.word === '的' || t.word === '等' || (t.tag === 'f' && POSTPOSITIONS.has(t.word))) return Infinity;
  if (prev.tag === 'm' && (t.tag === 'q' || t.tag === 'm')) return Infinity;
  if (LATIN.test(prev.word) && LATIN.test(t.word)) return Infinity;
  if (t.word === '建议' && i === words.length - 1 && prev.word === '的') return Infinity;
  if (ADVERBS.has(prev.word) || CONJUNCTIONS.test(prev.word)) return Infinity;
  if (/^[、，：；]$/.test(prev.word)) return 0;
  if (ADVERBS.has(t.word) && !/^(v|d|p|c|ad)$/.test(prev.tag)) return 1;
  if (/^[”’》]$/.test(prev.word)) return NOUNISH.test(t.tag) ? Infinity : 2;
  if (prev.tag === 'f' && POSTPOSITIONS.has(prev.word)) return 1;
  if (SAYING.has(prev.word) && !PARTICLE.test(t.tag)) return 1;
  if (SAYING.has(t.word) && !/^(d|p|c|ad)$/.test(prev.tag)) return 1;
  if (OPENING_VERBS.has(t.word) && takesObject(words, i) && !/^(d|p|c|ad)$/.test(prev.tag) && !OPENING_VERBS.has(prev.word) && !ADVERBS.has(prev.word))
    return OPENS;
  if ((t.tag === 'c' || CONJUNCTIONS.test(t.word)) && !/^(p|c)$/.test(prev.tag)) return tightCoordination(words, i) ? 20 : 4;
  // 以信任为前提: 为 closes the frame 以 opened, it opens nothing.
  if (t.word === '为' && words.slice(Math.max(0, i - 6), i).some((w) => w.word === '以')) return 20;
  if (prev.word === '以' && words.slice(i, i + 6).some((w) => w.word === '为')) return 20;
  if (prev.word === '为' && words.slice(Math.max(0, i - 7), i - 1).some((w) => w.word === '以')) return 20;
  if (t.tag === 'p' && !/^(p|c|d)$/.test(prev.tag) && !OPENING_VERBS.has(prev.word)) return 1;
  if (OPENING.test(t.word) && !/^(p|c)$/.test(prev.tag)) return 7;
  if (prev.word === '的') return 3;
  // A preposition leads its object: 对 / 国家实验室… reads as a torn phrase (the break belongs after the object).
  if (prev.tag === 'p' && prev.word !== '关于') return 20;
  if (OPENING_VERBS.has(prev.word) && OBJECT.test(t.tag)) return 5;
  return 20;
}

/** A word that continues the run of words before it: no place to break before it, and not 的 or a mark. */
const continuesRun = (w: TitleWord) => (w.cost === 20 || w.cost === Infinity) && w.word !== '的' && !/^\p{P}+$/u.test(w.word);

/** Characters from word k to the end of the run it starts. */
function runAfter(out: readonly TitleWord[], k: number): number {
  let n = chars(out[k].word);
  for (let j = k + 1; j < out.length && continuesRun(out[j]); j++) n += chars(out[j].word);
  return n;
}

/** Word k starts a noun phrase: a noun, or words that end in a noun that closes a phrase (开放共享机制). */
function opensNounPhrase(out: readonly TitleWord[], k: number): boolean {
  if (out[k].tag === 'x' || out[k].tag === 'c' || CONJUNCTIONS.test(out[k].word)) return false;
  if (NOUNISH.test(out[k].tag)) return true;
  let j = k;
  while (j + 1 < out.length && continuesRun(out[j + 1])) j++;
  return j > k && NOUNISH.test(out[j].tag) && closesPhrase(out[j].word);
}

/** The title's words, each with the cost of a line break before it. */
export function titleWords(title: string): TitleWord[] {
  let words = taggedWords(title);
  // Whatever the dictionary does with a character it does not know, the words are the text.
  if (words.map((w) => w.word).join('') !== title) words = [...title].map((c) => ({ word: c, tag: 'x' }));
  const out: TitleWord[] = [];
  let depth = 0;
  words.forEach((w, i) => {
    // Inside quotation marks or 《》, a break only as a last resort.
    const closes = /^[”’》」』]$/.test(w.word);
    out.push({ ...w, cost: costBefore(words, i, depth > 0 && !closes) });
    if (/^[“‘《「『]$/.test(w.word)) depth++;
    else if (closes && depth > 0) depth--;
  });
  // A verb opens a phrase only after a phrase: after a word or two it is the head of a compound
  // (风险防范能力, 生态保护修复).
  for (let i = 1, run = 0; i < out.length; i++) {
    run = out[i - 1].cost <= 1 || out[i - 1].cost === 4 ? chars(out[i - 1].word) : run + chars(out[i - 1].word);
    if (out[i].cost === OPENS) out[i].cost = run >= 4 ? 1 : 20;
  }
  // Inside 在……中 (a prepositional phrase closed by its postposition) nothing reads well.
  for (let i = 0; i < out.length; i++) {
    if (out[i].tag !== 'p' || !/^(在|从|于|自)$/.test(out[i].word)) continue;
    let j = i + 1;
    while (j < out.length && j - i < 16 && !(out[j].tag === 'f' && POSTPOSITIONS.has(out[j].word)) && out[j].word !== '的') j++;
    if (j < out.length && out[j].tag === 'f') for (let k = i + 1; k <= j; k++) out[k].cost = Math.max(out[k].cost, 12);
  }
  // A long run of nouns divides after a word that closes a phrase, four characters or more on
  // each side (国家重大科研基础设施 / 开放共享机制): the second-best place when none better fits.
  const weak = out.map((w) => w.cost === 20 || w.cost === Infinity);
  let left = 0;
  for (let k = 1; k < out.length; k++) {
    left = weak[k - 1] ? left + chars(out[k - 1].word) : chars(out[k - 1].word);
    if (out[k].cost === 20 && left >= 4 && runAfter(out, k) >= 4 && closesPhrase(out[k - 1].word) && opensNounPhrase(out, k)) out[k].cost = 5;
  }
  return out;
}
