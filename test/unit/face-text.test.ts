/** What each embedded face of a Word edition must print, read from the parts the docx package writes. */
import { describe, expect, it } from 'vitest';
import { faceTexts } from '../../src/docx/face-text.js';

const u8 = (s: string) => new TextEncoder().encode(s);
const run = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const fonts = (name: string) => `<w:rFonts w:ascii="${name}" w:eastAsia="${name}" w:hAnsi="${name}"/>`;

describe('faceTexts', () => {
  const parts = {
    'word/styles.xml': u8(`<w:styles><w:docDefaults><w:rPrDefault><w:rPr>${fonts('Noto Serif SC')}</w:rPr></w:rPrDefault></w:docDefaults></w:styles>`),
    'word/document.xml': u8(
      `<w:body><w:p>${run('正文&lt;a&gt;&amp;')}${run('关于建议', `<w:b/><w:bCs/>${fonts('Noto Serif SC')}`)}${run('张三', fonts('LXGW WenKai'))}${run('编者按：', `${fonts('LXGW WenKai')}<w:b/>`)}</w:p></w:body>`,
    ),
    'word/footnotes.xml': u8(`<w:footnotes>${run('注释', fonts('Noto Serif SC'))}</w:footnotes>`),
    'word/footer1.xml': u8(`<w:ftr><w:r w:rsidR="1"><w:rPr>${fonts('Noto Sans SC')}</w:rPr><w:fldChar w:fldCharType="begin"/></w:r></w:ftr>`),
    'word/theme/theme1.xml': u8(run('主题不算')),
  };
  const texts = faceTexts(parts);

  it('gives each family the text of its runs, regular and bold apart, the default family to runs that name none', () => {
    expect(texts.get('Noto Serif SC')!.regular).toContain('正文<a>&');
    expect(texts.get('Noto Serif SC')!.regular).toContain('注释');
    expect(texts.get('Noto Serif SC')!.regular).not.toContain('关于');
    expect(texts.get('Noto Serif SC')!.bold).toContain('关于建议');
    expect(texts.get('LXGW WenKai')!.regular).toContain('张三');
    expect(texts.get('LXGW WenKai')!.bold).toContain('编者按：');
    expect([...texts.values()].some((t) => t.regular.includes('主题'))).toBe(false);
  });

  it('gives a family with a field but no text the digits its field shows, and no bold face', () => {
    expect(texts.get('Noto Sans SC')).toEqual({ regular: expect.stringContaining('0123456789') as string, bold: '' });
  });
});
