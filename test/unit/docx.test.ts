/**
 * The Word edition's XML, read back from the .docx of the sample's issues: faces, page and grid,
 * the masthead's red, the title lines the print uses, every paragraph's text, footnotes, field
 * codes, and the footers of odd and even pages.
 */
import { strFromU8, unzipSync } from 'fflate';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { issueDocx } from '../../src/docx/issue-docx.js';
import { packDocx } from '../../src/docx/pack.js';
import { breakTitle, contentsLines } from '../../src/layout/title-lines.js';
import { ARTICLE_TITLE_EMS } from '../../src/layout/page.js';
import { assemble, loadProject, type Project } from '../../src/workspace/project.js';

const repo = path.resolve(__dirname, '../..');
let project: Project;
const parts = async (id: string, p = project) => {
  const issue = p.issues.find((i) => i.id === id)!;
  const files = unzipSync(await packDocx(issueDocx(p, assemble(p, issue)), new Date(`${issue.date}T00:00:00Z`)));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
};
/** The text of each paragraph of a part, in order. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)]
      .map((t) => t[1])
      .join('')
      // The word joiners that hold a kept piece together (docx/runs.ts) are not text.
      .replace(/\u2060/g, ''),
  );

beforeAll(async () => {
  project = await loadProject(await loadConfig({ root: repo }));
});

describe('the Word edition', () => {
  it('sets each contents entry in the print’s lines, with the leader and page after the last', async () => {
    // Entries wrapped at any character in Word and LibreOffice (…的建 / 议).
    const doc = (await parts('qingkuang/2026/1'))['word/document.xml'];
    const entries = [...doc.matchAll(/<w:p\b(?:(?!<\/w:p>)[\s\S])*?PAGEREF[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const p = project.issues.find((i) => i.id === 'qingkuang/2026/1')!;
    const articles = assemble(project, p).articles;
    expect(entries).toHaveLength(articles.length);
    entries.forEach((xml, k) => {
      const lines = contentsLines(articles[k].submission);
      const texts = [...xml.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]);
      // The last line ends in the tab that the dot leader fills, up to the page number.
      expect(texts.slice(0, lines.length)).toEqual([...lines.slice(0, -1), `${lines[lines.length - 1]}\t`]);
      expect(xml.match(/<w:br\/>/g)?.length ?? 0).toBe(lines.length - 1);
    });
  });

  it('sets A4 with the text block of GB/T 9704, 22 lines of 28 characters', async () => {
    const files = await parts('qingkuang/2026/1');
    const doc = files['word/document.xml'];
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // 37 mm from the top, 28 mm from the left, 156 × 225 mm: right 26 mm, bottom 35 mm (in twips).
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // Lines on the print's pitch, exactly (28.95 pt: 22 fit the 225 mm block), by default and on
    // the body's paragraphs; no document grid, which LibreOffice applies even to exact lines.
    expect(files['word/styles.xml']).toMatch(/<w:pPrDefault><w:pPr><w:spacing (?:w:before="0" )?w:line="579" w:lineRule="exact"\/>/);
    expect(doc).not.toMatch(/<w:docGrid w:type=/);
    const body = [...doc.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?人工智能大模型正在深刻改变[\s\S]*?<\/w:p>/g)][0][0];
    expect(body).toMatch(/<w:spacing (?:w:before="0" )?w:line="579" w:lineRule="exact"\/>/);
    // 16 pt characters 0.25 pt closer: 28 a line of the 156 mm block (27 at their own width).
    expect(body).toContain('<w:spacing w:val="-5"/>');
  });

  it('keeps a number with its unit, a date and a document number on one line', async () => {
    const doc = (await parts('qingkuang/2026/1'))['word/document.xml'];
    // The sample's "2025年" and "36所": runs of their own, marked English, joined (docx/runs.ts).
    for (const kept of ['2025\u2060年', '36\u2060所']) {
      const run = [...doc.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<\/w:r>/g)].map((m) => m[0]).find((r) => r.includes(`>${kept}<`));
      expect(run, kept).toBeDefined();
      expect(run).toContain('<w:lang w:val="en-US" w:eastAsia="en-US"/>');
    }
  });

  it('sets each topic heading in the body and in the contents, as printed', async () => {
    const text = paragraphs((await parts('qingkuang/2026/1'))['word/document.xml']);
    const p = project.issues.find((i) => i.id === 'qingkuang/2026/1')!;
    const groups = assemble(project, p).groups;
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups)
      expect(
        text.filter((t) => t === `【${g.topic}】`),
        g.topic,
      ).toHaveLength(2);
    // In order: the contents' topics, then the body's, each before its reports' titles.
    const firstTitle = text.findIndex((t) => t.startsWith(contentsLines(groups[0].articles[0].submission)[0]) && !t.includes('\t'));
    expect(text.indexOf(`【${groups[0].topic}】`)).toBeLessThan(firstTitle);
  });

  it('names the faces by role as East Asian fonts, the office’s own when the config names them', async () => {
    const doc = (await parts('qingkuang/2026/1'))['word/document.xml'];
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toContain('w:eastAsia="楷体_GB2312"');
    const office = { ...project, config: { ...project.config, fonts: { ...project.config.fonts, fang: ['FangSong', 'fonts/x.ttf'] } } };
    const other = (await parts('qingkuang/2026/1', office))['word/document.xml'];
    expect(other).toContain('w:eastAsia="FangSong"');
    expect(other).not.toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('prints the masthead in red over a red rule, and each title in the lines the print uses', async () => {
    const doc = (await parts('qingkuang/2026/1'))['word/document.xml'];
    expect(doc).toMatch(/<w:color w:val="E60012"\/>(?:<w:spacing w:val="\d+"\/>)?<w:sz w:val="84"\/>[\s\S]*?<w:t[^>]*>科技界情况<\/w:t>/);
    expect(doc).toMatch(/<w:bottom w:val="single" w:color="E60012"/);
    const issue = project.issues.find((i) => i.id === 'qingkuang/2026/1')!;
    for (const art of assemble(project, issue).articles) {
      const s = art.submission;
      const lines = s.titleLines ?? breakTitle(s.title, ARTICLE_TITLE_EMS);
      const bookmark = new RegExp(`<w:bookmarkStart w:name="article${art.index}"[^>]*/>([\\s\\S]*?)<w:bookmarkEnd`).exec(doc);
      const runs = [...bookmark![1].matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => ({
        br: r[1].includes('<w:br/>'),
        text: /<w:t[^>]*>([^<]*)</.exec(r[1])![1],
      }));
      expect(runs.map((r) => r.text)).toEqual(lines);
      expect(runs.map((r) => r.br)).toEqual(lines.map((_, i) => i > 0));
    }
  });

  it('prints the date in Chinese and the issue’s own classification over the bulletin’s', async () => {
    const own = await loadProject(await loadConfig({ root: repo }));
    const issue = own.issues.find((i) => i.id === 'jianyi/2026/1')!;
    const doc = (await parts('jianyi/2026/1', own))['word/document.xml'];
    expect(paragraphs(doc)).toContain('中国科协办公厅\t2026年2月8日');
    expect(doc).not.toContain('2026-02-08');
    issue.classification = '秘密★1年';
    const classified = (await parts('jianyi/2026/1', own))['word/document.xml'];
    expect(paragraphs(classified).slice(0, 3)).toContain('秘密★1年');
    expect(paragraphs(classified)).not.toContain('内部资料 注意保存');
  });

  it('never splits a table row over two pages, and repeats the header row', async () => {
    const doc = (await parts('qingkuang/2026/1'))['word/document.xml'];
    const rows = [...doc.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    // The table of the sample's report and the 报尾's rows.
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toMatch(/<w:cantSplit\/>/);
    expect(rows.filter((r) => r.includes('<w:tblHeader/>')).length).toBeGreaterThanOrEqual(1);
  });

  it('holds every paragraph of the text, in order, and the notes as Word footnotes', async () => {
    const files = await parts('qingkuang/2026/1');
    const text = paragraphs(files['word/document.xml']);
    const issue = project.issues.find((i) => i.id === 'qingkuang/2026/1')!;
    let at = 0;
    for (const id of issue.submissions) {
      const body = project.byId.get(id)!.body;
      const written = body.split(/\n\s*\n/).filter((p) => !/^\s*(\||\[\^)/.test(p));
      for (const para of written.map((p) => p.replace(/\[\^\w+\]|^#+ |\*\*/gm, '').trim())) {
        if (!para) continue;
        const found = text.findIndex((t, i) => i >= at && t === para);
        expect(found, para).toBeGreaterThanOrEqual(at);
        at = found;
      }
    }
    expect(files['word/document.xml']).toContain('<w:footnoteReference w:id="1"/>');
    expect(paragraphs(files['word/footnotes.xml']).join('')).toContain('本次调研采取书面征询和线上座谈相结合的方式');
  });

  it('numbers the contents with PAGEREF fields updated on opening, and the pages with PAGE fields, odd right and even left', async () => {
    const files = await parts('qingkuang/2026/1');
    const doc = files['word/document.xml'];
    for (const n of [1, 2, 3]) {
      expect(doc).toContain(`PAGEREF article${n}`);
      expect(doc).toContain(`<w:bookmarkStart w:name="article${n}"`);
    }
    expect(files['word/settings.xml']).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
    expect(files['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const refs = Object.fromEntries([...doc.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [m[1], m[2]]));
    const rels = files['word/_rels/document.xml.rels'];
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!.slice(1).find(Boolean)!;
    const odd = files[`word/${target(refs.default)}`];
    const even = files[`word/${target(refs.even)}`];
    for (const part of [odd, even]) {
      expect(part).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(paragraphs(part).join('')).toBe('—  —');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
  });

  it('ends with the 报尾 floated to the foot of the last page, between thick rules, and marks a draft', async () => {
    const files = await parts('qingkuang/2026/1');
    const doc = files['word/document.xml'];
    const text = paragraphs(doc);
    // The 版记's table, floated to the bottom of the text block, cannot split; then the
    // paragraph it is anchored to, which holds nothing.
    const table = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].at(-1)![0];
    expect(table).toMatch(/<w:tblpPr [^>]*w:tblpYSpec="bottom"[^>]*w:vertAnchor="margin"/);
    expect(table.match(/<w:cantSplit\/>/g)).toHaveLength(2);
    expect(text.at(-1)).toBe('');
    // The text's last paragraph keeps with it: the 版记 never stands alone on a page.
    const paras = [...doc.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const lastText = paras.filter((x) => !table.includes(x) && paragraphs(x)[0] !== '').at(-1)!;
    expect(lastText).toContain('<w:keepNext/>');
    expect(text.slice(-5, -1)).toEqual([
      '报：中央办公厅，国务院办公厅，中央政策研究室',
      '送：科技部，教育部，国家自然科学基金委员会，中国科学院，中国工程院',
      '发：各省、自治区、直辖市科协，各全国学会、协会、研究会',
      '责任编辑：杨帆　　签发：李建华\t共印120份',
    ]);
    expect(files['docProps/core.xml']).toContain('2026-03-10T00:00:00Z');
    // No code-page signature claiming Arial's (no CJK) for the faces.
    expect(files['word/fontTable.xml']).not.toContain('<w:sig');
    const draft = await parts('qingkuang/2026/3');
    expect(Object.keys(draft).some((k) => /^word\/header\d+\.xml$/.test(k) && draft[k].includes('草稿'))).toBe(true);
  });
});
