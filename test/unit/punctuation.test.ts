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
});
