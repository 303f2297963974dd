/** Title lines broken as GB/T 9704 asks: words whole, even lines, a 梯形 or 菱形. */
import { describe, expect, it } from 'vitest';
import { titleWords } from '../../src/layout/phrase-breaks.js';
import { breakTitle, joinTitleLines, widthEm, brokenTitles } from '../../src/layout/title-lines.js';
import { ARTICLE_TITLE_EMS, CONTENTS_TITLE_EMS } from '../../src/layout/page.js';

const TITLES = [
  '关于加快建立国家重大科研基础设施开放共享机制的建议',
  '青年科技人员反映科研经费报销仍存在“堵点”',
  '关于深度参与国家科技治理和国家重点研发计划项目管理信息系统建设的建议',
  '大模型在科研中的应用与风险问题值得关注需要加以规范',
  '2025年R&D经费投入增长8.3%，基础研究占比首次超过7%的情况报告',
  '中国科协、科技部关于进一步加强科研诚信建设和科研作风学风建设的若干意见',
  '关于推动《中华人民共和国科学技术进步法》配套制度落地见效的建议',
  '科技工作者反映：高校青年教师“非升即走”考核压力大、学术生态待改善、人才流失问题突出的情况',
  '关于在长三角、粤港澳大湾区、京津冀布局建设国家实验室基地的建议',
];

/** Offsets (in UTF-16 units) at which a word of the title starts. */
function wordBoundaries(text: string): Set<number> {
  let at = 0;
  return new Set(titleWords(text).map((w) => ((at += w.word.length), at - w.word.length)));
}

describe('breakTitle', () => {
  for (const measure of [ARTICLE_TITLE_EMS, CONTENTS_TITLE_EMS]) {
    it.each(TITLES)(`keeps every rule at ${measure} ems: %s`, (title) => {
      const lines = breakTitle(title, measure);
      expect(lines.join('')).toBe(title);
      for (const line of lines) expect(widthEm(line)).toBeLessThanOrEqual(measure);
      if (widthEm(title) <= measure) return expect(lines).toEqual([title]);
      const fewest = Math.max(2, Math.ceil(widthEm(title) / measure));
      expect(lines.length).toBeGreaterThanOrEqual(fewest);
      expect(lines.length).toBeLessThanOrEqual(fewest + 1);
      // Every break is a word boundary, and no line starts with a closing mark or ends with an opening one.
      const bounds = wordBoundaries(title);
      let at = 0;
      for (const line of lines.slice(0, -1)) {
        at += line.length;
        expect(bounds.has(at), `${line} | ${title.slice(at)}`).toBe(true);
      }
      for (const line of lines) {
        expect(line).not.toMatch(/^[，。、；：！？）》”]/);
        expect(line).not.toMatch(/[（《“]$/);
        // Not a lone word.
        expect(titleWords(line).length).toBeGreaterThan(1);
      }
      // No hourglass.
      const w = lines.map(widthEm);
      for (let i = 1; i < w.length - 1; i++) expect(w[i] >= w[i - 1] || w[i] >= w[i + 1]).toBe(true);
    });
  }

  it('never breaks the words the issue saw broken', () => {
    const all = TITLES.flatMap((t) => [breakTitle(t, ARTICLE_TITLE_EMS), breakTitle(t, CONTENTS_TITLE_EMS)]);
    const seams = all.flatMap((lines) => lines.slice(0, -1).map((l, i) => `${l.slice(-2)}/${lines[i + 1].slice(0, 2)}`));
    for (const bad of ['科研基/础', '研经/费', '目管/理', '度参/与', '大模/型', '大/模型', '堵/点', '科技/部', 'R&/D', '8./3']) {
      expect(
        seams.some((s) => s.includes(bad)),
        bad,
      ).toBe(false);
    }
  });

  it('breaks as the editors do, between phrases, not where the lines would be most even', () => {
    // bulletin-format.md's own example: 关于加快建立国家重大科研基础设施 / 开放共享机制的建议.
    expect(breakTitle('关于加快建立国家重大科研基础设施开放共享机制的建议', ARTICLE_TITLE_EMS)).toEqual([
      '关于加快建立国家重大科研基础设施',
      '开放共享机制的建议',
    ]);
    // The issue's: 应急管理体系 is one phrase.
    expect(breakTitle('关于推动应急科普机制纳入国家应急管理体系提升全社会风险应对能力的建议', ARTICLE_TITLE_EMS)).toEqual([
      '关于推动应急科普机制纳入国家应急管理体系',
      '提升全社会风险应对能力的建议',
    ]);
  });

  it('keeps an adverb with its verb and 以……为 whole, where the old breaker split them', () => {
    // The sample's jianyi/2026/3 was set 进一步 / 扩大, 切实 / 减轻 and 以信任 / 为前提.
    const title = '关于在新一轮科技体制改革中进一步扩大科研单位和科研人员自主权、切实减轻科研人员事务性负担并健全以信任为前提的科研管理机制的建议';
    for (const measure of [16, 18, ARTICLE_TITLE_EMS, CONTENTS_TITLE_EMS, 24]) {
      const lines = breakTitle(title, measure);
      const seams = lines.slice(0, -1).map((l, i) => `${l}|${lines[i + 1]}`);
      for (const s of seams) expect(s, `${measure}: ${lines.join(' / ')}`).not.toMatch(/(进一步|切实)\||以\||以信任\||\|为前提|科研人员\|自主权/);
    }
  });

  it('never sets 关于 with a single word as a line, even at a narrow measure', () => {
    for (const measure of [13, 14, 16]) {
      const lines = breakTitle('关于突破“卡脖子”关键技术加快实现产业链供应链自主可控的建议', measure);
      expect(titleWords(lines[0]).length, `${measure}: ${lines.join(' / ')}`).toBeGreaterThan(2);
    }
  });

  it('never lets a line end inside a Latin word or a number', () => {
    const words = titleWords('2025年R&D经费增长8.3%，GPT-4o在科研中的应用');
    const inside = words.filter((w, i) => i > 0 && /^[A-Za-z0-9&.%-]/.test(w.word) && /[A-Za-z0-9&.%-]$/.test(words[i - 1].word));
    expect(inside.length).toBeGreaterThan(0);
    for (const w of inside) expect(w.cost, w.word).toBe(Infinity);
  });

  it('keeps a Latin run, a number and a percentage whole', () => {
    const title = '2025年R&D经费增长8.3%，GPT-4o在科研中的应用';
    for (const measure of [8, 10, 12, 15]) {
      const lines = breakTitle(title, measure);
      for (const whole of ['R&D', '8.3%', 'GPT-4o', '2025年'])
        expect(
          lines.some((l) => l.includes(whole)),
          `${whole} at ${measure}: ${lines.join(' / ')}`,
        ).toBe(true);
    }
  });
});

describe('joinTitleLines', () => {
  it('joins Han lines without a space and Latin words with one', () => {
    expect(joinTitleLines(['关于加快建立国家重大科研基础设施', '开放共享机制的建议'])).toBe('关于加快建立国家重大科研基础设施开放共享机制的建议');
    expect(joinTitleLines(['关于 AI', 'agents 的建议'])).toBe('关于 AI agents 的建议');
  });
});

describe('a title set by hand', () => {
  it('is read from a block scalar, joined for everything but print, and a line too long is warned about', async () => {
    const { parseSubmission } = await import('../../src/content/submission.js');
    const { defaultConfig } = await import('../../src/config/defaults.js');
    const d: import('../../src/messages/diagnostic.js').Diagnostic[] = [];
    const s = parseSubmission(
      '---\ntitle: |\n  关于加快建立国家重大科研基础设施开放共享机制\n  的建议\npublication: jianyi\nauthors: 张三\nsubmitted: 2026-01-01\n---\n正文。\n',
      's.md',
      defaultConfig('/ws').bulletins,
      d,
    );
    expect(s?.title).toBe('关于加快建立国家重大科研基础设施开放共享机制的建议');
    expect(s?.titleLines).toEqual(['关于加快建立国家重大科研基础设施开放共享机制', '的建议']);
    expect(d.map((x) => `${x.code}@${x.line}`)).toEqual(['title-line-too-long@3']);
  });
});

describe('the file name of a new submission', () => {
  it('is the date and the words of the title, readable for Chinese titles, and a valid id', async () => {
    const { submissionSlug } = await import('../../src/assemble/submission-file.js');
    expect(submissionSlug('2026-11-28', '关于加快建立国家重大科研基础设施开放共享机制的建议', 'jianyi')).toBe('2026-11-28-加快建立国家重大科研');
    expect(submissionSlug('2026-11-28', '关于AI for Science的情况', 'qingkuang')).toBe('2026-11-28-ai-for-science');
    expect(submissionSlug('2026-11-28', '大模型在科研中的应用：GPT-4o与科研范式', 'qingkuang')).toBe('2026-11-28-大模型在科研中的应用');
    expect(submissionSlug('2026-11-28', '《》——', 'jianyi')).toBe('2026-11-28-jianyi');
    expect(submissionSlug('2026-11-28', 'GPT-4o与科研', 'jianyi')).toBe('2026-11-28-gpt-4o-与科研');
    for (const t of ['关于加快建立国家重大科研基础设施开放共享机制的建议', '大模型在科研中的应用：GPT-4o与科研范式']) {
      expect(submissionSlug('2026-11-28', t, 'jianyi')).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u);
    }
  });
});

describe('titles broken before', () => {
  it('are taken from an earlier run only when their lines are the title’s own text', () => {
    const title = '关于建立健全科技伦理审查和监管制度加强科研诚信建设的若干建议';
    brokenTitles.seed([
      // A split the breaker would not choose: taken as given, which shows it is the kept one.
      [`20\n${title}`, ['关于建立健全', '科技伦理审查和监管制度加强科研诚信建设的若干建议']],
      // Lines that are not the title's text (a cache edited by hand): refused.
      [`21\n${title}`, ['关于建立健全科技伦理审查', '<script>alert(1)</script>']],
      ['not a measure\nx', ['x']],
    ]);
    expect(breakTitle(title, 20)).toEqual(['关于建立健全', '科技伦理审查和监管制度加强科研诚信建设的若干建议']);
    expect(breakTitle(title, 21).join('')).toBe(title);
    expect(brokenTitles.entries().some(([k]) => k.startsWith('not a measure'))).toBe(false);
  });

  it('hand out copies: a caller that changes its lines changes nothing kept', () => {
    const title = '关于加快建立国家重大科研基础设施开放共享机制的建议';
    breakTitle(title, 20).push('多余的一行');
    expect(breakTitle(title, 20).join('')).toBe(title);
  });
});
