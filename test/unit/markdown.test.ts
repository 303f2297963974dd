/**
 * Markdown → sanitised HTML: what an expert wrote prints as written, and only it. The cases are
 * the awkward but legitimate prose that once lost text or turned the rest of an issue bold.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/messages/diagnostic.js';
import { checkMarkdown, MAX_INLINE, renderMarkdown } from '../../src/render/markdown.js';

function render(markdown: string, images: Record<string, string> = {}) {
  const diagnostics: Diagnostic[] = [];
  const html = renderMarkdown(
    {
      markdown,
      file: 'f.md',
      firstLine: 10,
      idPrefix: 'a1-',
      resolveImage: (src) => (src in images ? { url: images[src] } : { code: 'image-missing', data: { rel: 'x' } }),
    },
    diagnostics,
  );
  return { html, diagnostics, removed: diagnostics.filter((d) => d.code === 'unsafe-html').map((d) => `${d.line} ${d.data?.removed}`) };
}

/** The text a reader sees: tags removed, entities decoded. */
/** The text a browser shows for the HTML: tags out, entities (the ones these tests use) decoded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&copy;/g, '©')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

describe('Markdown rendering', () => {
  it('prints code that names tags as text, with the rest of its paragraph, and warns of nothing', () => {
    const r = render(
      '行内代码 `<style>` 和 `<script>` 是两个标签名，这句话的后半部分还在。\n\n```html\n<div onclick="x()">代码</div>\n<style>\n```\n\n下一段。',
    );
    expect(text(r.html)).toContain('行内代码 <style> 和 <script> 是两个标签名，这句话的后半部分还在。');
    expect(text(r.html)).toContain('<div onclick="x()">代码</div>\n<style>');
    expect(text(r.html)).toContain('下一段。');
    expect(r.html).toContain('<code class="language-html">');
    expect(r.diagnostics).toEqual([]);
  });

  it('ends an unclosed tag with its paragraph: the next paragraph, list and table are not inside it', () => {
    const r = render('一段没有闭合的<b>加粗标签，后面。\n\n第二段。\n\n- 列<i>表\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(r.html).toMatch(/<p>一段没有闭合的<b>加粗标签，后面。<\/b><\/p>\s*<p>第二段。<\/p>/);
    expect(r.html).toMatch(/<li>列<i>表<\/i><\/li>\s*<li>二<\/li>/);
    expect(r.html).toMatch(/<td>1<\/td>/);
  });

  it('keeps < and & in prose, and entities as the characters they name', () => {
    const r = render('当 a < b && c > d 时，R&D 投入占比 2.68%；&copy; 与 &amp; 照印。x <y 和 <3。');
    expect(text(r.html)).toBe('当 a < b && c > d 时，R&D 投入占比 2.68%；© 与 & 照印。x <y 和 <3。\n');
  });

  it('drops scripts and styles with their content; an unclosed one ends at its blank line', () => {
    const r = render('前<script>alert(1)</script>后。\n\n<script>\nvar stolen = 1;\n\n下一段保留。\n\n<style>body{display:none}</style>\n\n末段。');
    expect(text(r.html)).not.toMatch(/alert|stolen|display/);
    expect(text(r.html)).toContain('前后。');
    expect(text(r.html)).toContain('下一段保留。');
    expect(text(r.html)).toContain('末段。');
    expect(r.removed).toEqual(['10 <script>', '12 <script>', '17 <style>']);
  });

  it('cannot close or open the markup around the article', () => {
    const r = render('</p></div></article></main><footer class="distribution">报：假</footer> 后文\n\n<div style="position:fixed">盖住</div>');
    expect(r.html).not.toMatch(/<\/?(div|article|main|footer)\b|style=|class="distribution"/);
    expect(text(r.html)).toContain('报：假');
    expect(text(r.html)).toContain('盖住');
  });

  it('keeps allowed inline tags without attributes, safe links, and names exactly what went', () => {
    const r = render('<b onclick="x()">粗</b><a href="javascript:x">链</a><img src=x onerror=y> <a href="https://example.org/a">好</a> <u>下</u>');
    expect(r.html).toContain('<b>粗</b>');
    expect(r.html).toContain('<a href="https://example.org/a">好</a>');
    expect(r.html).toContain('<u>下</u>');
    expect(r.html).not.toMatch(/onclick|javascript|onerror|<img/);
    expect(r.removed).toEqual(['10 onclick= href= <img>']);
  });

  it('keeps footnotes with the article prefix and no warning', () => {
    const r = render('脚注[^1]在此。\n\n[^1]: 注释 <i>斜</i>。\n');
    expect(r.html).toContain('id="a1-fn-1"');
    expect(r.html).toContain('href="#a1-fn-1"');
    expect(r.html).toContain('<i>斜</i>');
    expect(r.diagnostics).toEqual([]);
  });

  it('allows an id only under the article prefix, and an image only as Markdown made it', () => {
    const r = render(
      '<a id="article-2" href="#x">a</a><a id="a1-ok">b</a>\n\n![图](p.png)\n\n<img src="/_workspace/p.png"><img src="https://example.org/x.png">',
      { 'p.png': '/_workspace/p.png' },
    );
    expect(r.html).not.toContain('id="article-2"');
    expect(r.html).toContain('id="a1-ok"');
    expect(r.html.match(/<img/g)?.length).toBe(2); // the Markdown image, and the same file named again
    expect(r.html).not.toContain('example.org');
  });

  it('drops links that would pass for the print marks, with a warning', () => {
    for (const href of [
      'https://briefs.invalid/mark/article-1',
      'HTTPS://Briefs.Invalid./mark/distribution-bottom',
      'https://x@sub.briefs.invalid:443/mark/content-end',
    ]) {
      const r = render(`见[此处](${href})与<a href="${href}">彼处</a>。`);
      expect(r.html, href).not.toMatch(/briefs\.invalid/i);
      expect(text(r.html)).toContain('见此处与彼处。');
      expect(r.diagnostics.map((d) => d.code)).toEqual(['unsafe-link', 'unsafe-html']);
    }
  });
});

describe("validate's check of a text", () => {
  const long = '长'.repeat(MAX_INLINE + 5);
  const texts: Record<string, string> = {
    plain: '科技创新是引领发展的第一动力。\n\n## 一、基本情况\n\n完善科技评价机制。',
    'two paragraphs over the bound': `开头。\n\n${long}\n\n中间。\n\n${long}。`,
    'an overlong one with a link': `[链接](javascript:alert(1))\n\n${long}`,
    'quotes 10,000 deep': '>'.repeat(10_000) + ' 深',
    'a list 60 deep': Array.from({ length: 60 }, (_, k) => `${'  '.repeat(k)}- 第${k}层`).join('\n'),
    'emphasis 20,000 deep': '*'.repeat(20_000) + '字',
    'raw HTML and an image': '正文<script>alert(1)</script>\n\n![图](missing.png)',
    '< and & in prose': 'a < b && c > d，价格 < 100 元。',
    // GFM makes links of bare addresses: these two are refused (only http(s) and mailto print).
    'an ftp address': '资料见 ftp://files.example.org/report 。',
    'an xmpp address': '联系 xmpp:user@example.com 即可。',
    'a web address': '详见 www.example.org 与 https://example.org/a?b=1&c=2 。',
  };
  for (const [name, markdown] of Object.entries(texts)) {
    it(`finds what rendering finds: ${name}`, () => {
      const rendered: Diagnostic[] = [];
      const checked: Diagnostic[] = [];
      const input = { markdown, file: 'f.md', firstLine: 10, resolveImage: () => ({ code: 'image-missing' as const, data: { rel: 'x' } }) };
      renderMarkdown({ ...input, idPrefix: 'check-' }, rendered);
      checkMarkdown(input, checked);
      expect(checked).toEqual(rendered);
    });
  }
  it('finds the overlong paragraphs, on their lines', () => {
    const found: Diagnostic[] = [];
    checkMarkdown({ markdown: texts['two paragraphs over the bound'], file: 'f.md', firstLine: 10, resolveImage: () => ({ url: '' }) }, found);
    expect(found.map((d) => [d.code, d.line])).toEqual([
      ['block-too-long', 12],
      ['block-too-long', 16],
    ]);
  });
});

describe('addresses in prose', () => {
  it('may break only after / or before . ? & = # - _ @, never between two letters', () => {
    const { html } = render('详见 https://www.example.org/a_b/index.html?x=1&y=2#top 或 zhang.san@example.org，另见[说明](https://example.org/x)。');
    const url = /<a href="https:\/\/www[^"]*">([^]*?)<\/a>/.exec(html)![1];
    expect(url.replace(/<wbr>/g, '')).toBe('https://www.example.org/a_b/index.html?x=1&amp;y=2#top');
    for (const piece of url.split('<wbr>').slice(1)) expect(piece, url).toMatch(/^([.?=#_@-]|&amp;)|^[^/]/);
    for (const [before, after] of url.split('<wbr>').flatMap((p, i, all) => (i ? [[all[i - 1], p]] : [])))
      expect(before.endsWith('/') || /^([.?=#_@-]|&amp;)/.test(after), `${before}|${after}`).toBe(true);
    expect(html).toContain('zhang<wbr>.san<wbr>@example<wbr>.org');
    // A link whose text is words, not an address, is left as written.
    expect(html).toContain('>说明</a>');
  });
});

describe('what a line never parts', () => {
  it('keeps a number with its unit, a date, a document number and a short quoted term on one line', () => {
    const { html } = render(
      '2026年3月10日，经费增长30%，达3.5亿元，共12项、8.3‰。见〔2015〕12号，突破“卡脖子”技术，“重建设、轻运行”问题。代码 `30%` 与 a < b & c。',
    );
    for (const kept of ['2026年3月10日', '30%', '3.5亿元', '12项', '8.3‰', '〔2015〕12号', '“卡脖子”'])
      expect(html, kept).toContain(`<span class="keep">${kept}</span>`);
    // A longer quotation may break (moved whole, it would stretch the line before it); code stays code.
    expect(html).not.toContain('<span class="keep">“重建设');
    expect(html).toContain('<code>30%</code>');
    expect(html).toContain('a &lt; b &amp; c');
  });
});
