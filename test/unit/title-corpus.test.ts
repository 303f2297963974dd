/**
 * Titles broken by meaning, measured against judgement: test/fixtures/titles/corpus.txt holds 150
 * titles of both bulletins, written for it and annotated by hand with every place a typesetter
 * accepts a line to end ("/"). At the title measure and at the contents measure, every break
 * falls at such a place, but for the few listed below, each with what the breaker cannot know;
 * a title that leaves the list, or joins it, fails the test, so the list stays true. The shape
 * rules hold for every title as properties.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { titleWords } from '../../src/layout/phrase-breaks.js';
import { breakTitle, widthEm } from '../../src/layout/title-lines.js';
import { ARTICLE_TITLE_EMS, CONTENTS_TITLE_EMS, VOLUME_CONTENTS_EMS, VOLUME_INDEX_EMS } from '../../src/layout/page.js';

const CORPUS = readFileSync(path.resolve(__dirname, '../fixtures/titles/corpus.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((line) => {
    const accepted = new Set<number>();
    let at = 0;
    for (const ch of line) {
      if (ch === '/') accepted.add(at);
      else at++;
    }
    return { title: line.replace(/\//g, ''), accepted };
  });

/**
 * Every measure a title is set at: the article's title, the contents entry, the volume's
 * author and topic indexes (after the label, （2026年第12期）, at its widest) and the
 * volume's contents.
 */
const INDEX_EMS = Math.floor(VOLUME_INDEX_EMS - widthEm('（2026年第12期）'));
const MEASURES = [ARTICLE_TITLE_EMS, CONTENTS_TITLE_EMS, INDEX_EMS, VOLUME_CONTENTS_EMS];

/** Titles the breaker sets inside a phrase, at each measure, and why it cannot know better. */
const KNOWN: Record<number, Record<string, string>> = {
  [ARTICLE_TITLE_EMS]: {
    关于推动高等学校有组织科研服务国家重大战略需求的建议: '服务 is a verb here (服务国家…) and a noun in 科技服务能力; no lexicon tells them apart',
    关于推进国家科研论文和科技信息高端交流平台建设的建议: '和 joins two nouns that together modify 平台; only meaning tells it from 和 between phrases',
    关于完善科研人员兼职兼薪和离岗创业政策落实机制的建议: '和 joins two four-character phrases that together modify 政策',
    关于推进学术期刊数字化转型建设自主可控出版平台的建议:
      '建设 opens a verb phrase here and closes a noun in 体系建设运行; jieba tags the 自主 after it a verb',
  },
  [CONTENTS_TITLE_EMS]: {
    关于推动高等学校有组织科研服务国家重大战略需求的建议: 'as above',
    关于推进国家科研论文和科技信息高端交流平台建设的建议: 'as above',
    关于完善科研人员兼职兼薪和离岗创业政策落实机制的建议: 'as above',
    关于推进学术期刊数字化转型建设自主可控出版平台的建议: 'as above',
    关于推动工业互联网平台与中小企业数字化转型深度融合的建议: '深度融合 is the predicate of 平台与…转型, and 深度 opens a verb phrase everywhere else',
  },
  [INDEX_EMS]: {
    关于推动高等学校有组织科研服务国家重大战略需求的建议: 'as above',
    关于推进国家科研论文和科技信息高端交流平台建设的建议: 'as above',
    关于完善科研人员兼职兼薪和离岗创业政策落实机制的建议: 'as above',
    关于推进学术期刊数字化转型建设自主可控出版平台的建议: 'as above',
    关于在粤港澳大湾区建设国际科技创新中心中发挥科技社团桥梁作用的建议:
      'up to 中 is 20 characters, so no accepted break fits; jieba tags this 建设 a noun (vn), so the breaker ends a run of nouns after it rather than before it',
    关于完善国家自然科学基金人才项目资助体系加大对青年科学家长期稳定支持力度的建议:
      '人才项目资助体系 is one phrase, but 项目 closes one everywhere else; …基金 / and …项目 / cost the same and the shape picks 16/12/11',
    科技界人士关注人口老龄化对创新活力的影响: '人口老龄化对创新活力的影响 is one noun phrase (X对Y的影响); everywhere else 对 opens a phrase of its own',
    科研机构数据安全管理存在的薄弱环节及对策: 'the 的 closes a relative clause whose head follows; 的 ends a line well everywhere else',
  },
};

/** Offsets (in characters) at which `lines` end, but the last. */
function breaks(lines: readonly string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const line of lines.slice(0, -1)) out.push((at += [...line].length));
  return out;
}

describe('the title corpus', () => {
  it('holds at least 100 titles that wrap at the title measure', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(CORPUS.filter((c) => widthEm(c.title) > ARTICLE_TITLE_EMS).length).toBeGreaterThanOrEqual(100);
  });

  for (const measure of MEASURES) {
    it(`breaks only where a typesetter would, at ${measure} ems, but for the titles listed with why`, () => {
      const inside: string[] = [];
      for (const { title, accepted } of CORPUS) {
        const lines = breakTitle(title, measure);
        if (!breaks(lines).every((b) => accepted.has(b))) inside.push(title);
      }
      expect(inside.sort()).toEqual(Object.keys(KNOWN[measure] ?? {}).sort());
    });

    it(`keeps the shape rules at ${measure} ems: fits, fewest lines or one more, no hourglass, no lone 关于 or 建议, no mark out of place`, () => {
      for (const { title } of CORPUS) {
        const lines = breakTitle(title, measure);
        expect(lines.join(''), title).toBe(title);
        for (const line of lines) expect(widthEm(line), line).toBeLessThanOrEqual(measure);
        if (widthEm(title) <= measure) {
          expect(lines).toEqual([title]);
          continue;
        }
        const fewest = Math.max(2, Math.ceil(widthEm(title) / measure));
        expect(lines.length, title).toBeGreaterThanOrEqual(fewest);
        expect(lines.length, title).toBeLessThanOrEqual(fewest + 1);
        const w = lines.map(widthEm);
        // No line shorter than one above it and one below it.
        for (let j = 1; j < w.length - 1; j++)
          expect(w[j] >= Math.max(...w.slice(0, j)) - 0.5 || w[j] >= Math.max(...w.slice(j + 1)) - 0.5, lines.join(' / ')).toBe(true);
        for (const line of lines) {
          expect(line, title).not.toMatch(/^[，。、；：！？）》”]/);
          expect(line, title).not.toMatch(/[（《“]$/);
          expect(['关于', '建议', '的建议'], title).not.toContain(line);
        }
        expect(lines[lines.length - 1], title).not.toMatch(/^的/);
        // 关于 with a single word is no line of a title (关于建立 / …).
        if (lines[0].startsWith('关于')) expect(titleWords(lines[0]).length, lines.join(' / ')).toBeGreaterThan(2);
      }
    });
  }

  // A typesetter takes a line more only when fewer would break a phrase or leave a poor shape.
  it('sets a title in the fewest lines whenever accepted breaks give them a good shape', () => {
    const good = (lines: string[]) => {
      const w = lines.map(widthEm);
      if (w.some((x) => x > ARTICLE_TITLE_EMS) || lines.some((l) => [...l].length <= 2)) return false;
      for (let j = 1; j < w.length - 1; j++) if (w[j] < Math.max(...w.slice(0, j)) - 0.5 && w[j] < Math.max(...w.slice(j + 1)) - 0.5) return false;
      return true;
    };
    /** Whether `title` splits at `k - 1` of `at` into `k` lines of good shape. */
    const fits = (title: string, at: number[], k: number): boolean => {
      const chars = [...title];
      const pick = (from: number, left: number, cuts: number[]): boolean => {
        if (left === 0) {
          const ends = [0, ...cuts, chars.length];
          return good(ends.slice(1).map((e, i) => chars.slice(ends[i], e).join('')));
        }
        return at.some((b, i) => i >= from && pick(i + 1, left - 1, [...cuts, b]));
      };
      return pick(0, k - 1, []);
    };
    const more: string[] = [];
    for (const { title, accepted } of CORPUS) {
      if (widthEm(title) <= ARTICLE_TITLE_EMS || title in KNOWN[ARTICLE_TITLE_EMS]) continue;
      const fewest = Math.max(2, Math.ceil(widthEm(title) / ARTICLE_TITLE_EMS));
      const at = [...accepted].sort((a, b) => a - b);
      if (fits(title, at, fewest) && breakTitle(title, ARTICLE_TITLE_EMS).length > fewest) more.push(breakTitle(title, ARTICLE_TITLE_EMS).join(' / '));
    }
    expect(more).toEqual([]);
  });

  it('never breaks inside a word, a quoted term, a book title or a Latin word', () => {
    for (const title of [
      '关于突破“卡脖子”关键技术加快实现产业链供应链自主可控的建议',
      '关于推动《中华人民共和国科学技术进步法》配套制度落地见效的建议',
      '2025年R&D经费投入增长8.3%，GPT-4o在科研中的应用与风险问题值得关注',
    ]) {
      const words = titleWords(title);
      expect(words.map((w) => w.word).join('')).toBe(title);
      let at = 0;
      const starts = new Set(words.map((w) => ((at += [...w.word].length), at - [...w.word].length)));
      for (const measure of [ARTICLE_TITLE_EMS, CONTENTS_TITLE_EMS, 15]) {
        const lines = breakTitle(title, measure);
        for (const b of breaks(lines)) expect(starts.has(b), `${lines.join(' / ')}`).toBe(true);
        const seams = lines.slice(0, -1).map((l, i) => `${l}|${lines[i + 1]}`);
        for (const s of seams) expect(s, lines.join(' / ')).not.toMatch(/[“《]\||\|[”》]|[A-Za-z0-9]\|[A-Za-z0-9%]/);
        // A quoted term or a book title shorter than the line stays on one.
        if (measure !== 15) for (const s of seams) expect(s, lines.join(' / ')).not.toMatch(/“[^”]*\|[^“]*”|《[^》]*\|[^《]*》/);
      }
    }
  });
});
