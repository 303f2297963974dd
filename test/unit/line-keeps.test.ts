/** What the renderer marks in a paragraph's text for the stylesheet: kept runs, and 开明式's sentence ends. */
import { describe, expect, it } from 'vitest';
import { keepTogether } from '../../src/render/line-keeps.js';

describe('keepTogether', () => {
  it('keeps whole a number with its unit or percent sign, a date, a document number and a short quoted term', () => {
    for (const kept of ['30%', '12.5%', '3.5亿元', '1.2万亿元', '12项', '5‰', '2026年3月10日', '2026年', '3月10日', '〔2015〕12号', '“卡脖子”'])
      expect(keepTogether(`增长了${kept}以上`), kept).toBe(`增长了<span class="keep">${kept}</span>以上`);
    // A longer quotation is left to break: moved whole, it would leave the line before it stretched.
    expect(keepTogether('“一网通办一站式服务”')).toBe('“一网通办一站式服务”');
  });

  it('marks nothing of the punctuation in 全身式, the default', () => {
    expect(keepTogether('经费从哪里来？答案是：三方共担。')).toBe('经费从哪里来？答案是：三方共担。');
  });

  it('in 开明式, marks each run of 。？！ (they keep a whole cell) and leaves ，、；： and the entities alone', () => {
    expect(keepTogether('A&amp;B，从哪里来？！答案是：三方共担。', 'kaiming')).toBe(
      'A&amp;B，从哪里来<span class="stop">？！</span>答案是：三方共担<span class="stop">。</span>',
    );
  });

  it('nests a sentence end inside a kept quotation, which stays whole', () => {
    expect(keepTogether('他说“好。”', 'kaiming')).toBe('他说<span class="keep">“好<span class="stop">。</span>”</span>');
  });
});
