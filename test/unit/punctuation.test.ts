/** Half-width punctuation in Chinese text: what validate reports and what `briefs fix` writes. */
import { describe, expect, it } from 'vitest';
import { findHalfWidth, fixHalfWidth } from '../../src/content/punctuation.js';

describe('half-width punctuation', () => {
  it('finds every mark touching Han text, straight quotes too, but not in code, links, URLs or numbers', () => {
    const text =
      '研究,发展;然后:如何?很好!研究(试点).\n增长2.68%,达1,000亿元。`a,b` [链接](https://x.org/a,b) https://x.org/?q=1,2\n他说"卡脖子"问题。\n```\n代码,不改\n```';
    expect(findHalfWidth(text).map((m) => `${m.line}:${m.column}${m.mark}`)).toEqual([
      '0:2,',
      '0:5;',
      '0:8:',
      '0:11?',
      '0:14!',
      '0:17(',
      '0:20)',
      '0:21.',
      '1:7,',
      '2:2"',
      '2:6"',
    ]);
  });

  // The quick look at each line (most hold no half-width mark) must let every mark through.
  it('finds a line whose only half-width mark is any one of , ; : ! ? ( ) . "', () => {
    for (const mark of [',', ';', ':', '!', '?', '(', ')', '.', '"'])
      expect(
        findHalfWidth(`仍存在三个不适应${mark}研究`).map((m) => m.mark),
        mark,
      ).toEqual([mark]);
  });

  it('takes a character reference for what it is, not for a half-width ";"', () => {
    const text = '列出了&lt;代码&gt;与&amp;符号&#x4E2D;&#20013;文;';
    expect(findHalfWidth(text).map((m) => `${m.column}${m.mark}`)).toEqual([`${text.length - 1};`]);
    expect(fixHalfWidth('代码&lt;与&amp;符号')).toBe('代码&lt;与&amp;符号');
  });

  it('rewrites them to full width, pairing quotes in a paragraph, and leaves the rest as written', () => {
    expect(fixHalfWidth('研究,发展(试点).他说"卡脖子"与"AI"技术。\n\n"新段"开头。 `a,b` 与 2.68')).toBe(
      '研究，发展（试点）。他说“卡脖子”与“AI”技术。\n\n“新段”开头。 `a,b` 与 2.68',
    );
    // Nothing to do: the same text.
    const clean = '研究，发展。Code `x,y` and 1,000 and https://a.b/c,d';
    expect(fixHalfWidth(clean)).toBe(clean);
  });

  /**
   * Text a typesetter would not touch, each beside prose that must still be fixed: fix changes
   * only Chinese prose as the Markdown parser reads it. Each case: [what, text, fixed text].
   */
  const untouched: [string, string, string][] = [
    ['an HTML attribute', '<img alt="图,说明" src="a.png" title="见(图)">\n\n研究,发展', '<img alt="图,说明" src="a.png" title="见(图)">\n\n研究，发展'],
    ['an inline HTML attribute', '见图<img alt="图,说明" src="a.png">所示,如上', '见图<img alt="图,说明" src="a.png">所示，如上'],
    ['a <pre> block', '<pre>\n研究,发展(试点)\n"引号"\n</pre>\n\n研究,发展', '<pre>\n研究,发展(试点)\n"引号"\n</pre>\n\n研究，发展'],
    ['an inline <code>', '用<code>研究,发展</code>表示,如上', '用<code>研究,发展</code>表示，如上'],
    ['an HTML comment block', '<!-- 研究,发展"注" -->\n\n研究,发展', '<!-- 研究,发展"注" -->\n\n研究，发展'],
    ['an inline HTML comment', '正文<!-- 研究,发展 -->正文,完', '正文<!-- 研究,发展 -->正文，完'],
    ['an indented code block', '研究,发展\n\n    代码,不改(试点)\n    "引号"\n\n研究,发展', '研究，发展\n\n    代码,不改(试点)\n    "引号"\n\n研究，发展'],
    ['a double-backtick code span', '见``a`研究,发展`b``所示,如上', '见``a`研究,发展`b``所示，如上'],
    [
      'a longer fence holding a shorter one',
      '````\n```\n代码,不改\n```\n代码,还在块中\n````\n\n研究,发展',
      '````\n```\n代码,不改\n```\n代码,还在块中\n````\n\n研究，发展',
    ],
    ['a tilde fence', '~~~\n代码,不改\n~~~\n研究,发展', '~~~\n代码,不改\n~~~\n研究，发展'],
    ['an escaped mark', '研究\\,发展,完', '研究\\,发展，完'],
    ['a link target, the link text fixed', '[研究,发展](https://x.org/a,b "标题,说明")后,完', '[研究，发展](https://x.org/a,b "标题,说明")后，完'],
    ['an image', '![图,说明](a,b.png)后,完', '![图,说明](a,b.png)后，完'],
    ['an English sentence quoted inside Chinese text', '他说 "we will try, really" 然后,离开。', '他说 "we will try, really" 然后，离开。'],
    ['English beside a Chinese quotation', '他说"卡脖子"问题, and "AI" too.', '他说“卡脖子”问题， and "AI" too.'],
  ];
  it.each(untouched)('leaves %s as written and fixes the prose beside it', (_what, text, fixed) => {
    expect(fixHalfWidth(text)).toBe(fixed);
    // validate reports exactly what fix changes.
    const lines = text.split('\n');
    const out = fixed.split('\n');
    const changed = findHalfWidth(text).filter((m) => m.mark !== '"');
    for (const m of changed) expect(out[m.line][m.column], `${m.line}:${m.column}`).not.toBe(lines[m.line][m.column]);
  });

  it('fixes prose in every kind of block: headings, lists, quotes, tables, emphasis', () => {
    expect(
      fixHalfWidth('## 标题,一\n\n- 列表,项\n  - 嵌套,项\n\n> 引文,段\n\n| 表头,一 | 2.68 |\n| --- | --- |\n| 单元,格 | 1,000 |\n\n**加粗,字**与*斜体,字*'),
    ).toBe('## 标题，一\n\n- 列表，项\n  - 嵌套，项\n\n> 引文，段\n\n| 表头，一 | 2.68 |\n| --- | --- |\n| 单元，格 | 1,000 |\n\n**加粗，字**与*斜体，字*');
  });

  // Found in a week of editing: a pair fixed by halves, and a mark after a Chinese closing quote.
  it.each([
    ['a bracket pair one half of which touches Han', '| 2015年(%) | 2020年(%) |', '| 2015年（%） | 2020年（%） |'],
    ['a pair whose closing half follows a digit', '增长了(约30%)左右', '增长了（约30%）左右'],
    ['a pair written half by hand', '| 2015年（%) | (%）|', '| 2015年（%） | （%）|'],
    ['a pair nested in another', '研究(试点(一期))完', '研究（试点（一期））完'],
    ['a colon after a Chinese closing quote, at the line’s end', '仍存在“三个不适应”:\n一是', '仍存在“三个不适应”：\n一是'],
    ['a comma after a closing title mark, before a digit', '见《规划》,2025年', '见《规划》，2025年'],
    ['a colon before an opening quote', '他指出:“要加快', '他指出：“要加快'],
  ])('fixes %s whole', (_what, text, fixed) => {
    expect(fixHalfWidth(text)).toBe(fixed);
    // validate reports every mark that fix changes, so a fixed file reports nothing.
    expect(findHalfWidth(text)).toHaveLength([...text].filter((c, i) => c !== [...fixed][i]).length);
    expect(findHalfWidth(fixed)).toEqual([]);
  });

  it('leaves English in brackets alone, and brackets with no Han beside them', () => {
    expect(fixHalfWidth('人工智能(AI)研究')).toBe('人工智能（AI）研究');
    expect(fixHalfWidth('see (the report) and f(x)')).toBe('see (the report) and f(x)');
    expect(fixHalfWidth('公式 f(x) 中')).toBe('公式 f(x) 中');
  });
});
