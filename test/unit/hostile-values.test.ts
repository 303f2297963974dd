/** Values that once passed as valid: prototype names, blank text, numbers past any sense. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import type { Diagnostic } from '../../src/messages/diagnostic.js';
import { parseIssue } from '../../src/content/issue.js';
import { parseSubmission } from '../../src/content/submission.js';

const bulletins = defaultConfig('/ws').bulletins;
const submission = (fields: string) => {
  const d: Diagnostic[] = [];
  const s = parseSubmission(
    `---\ntitle: 关于某事的建议\npublication: jianyi\nauthors: 张三\nsubmitted: 2026-01-01\n${fields}\n---\n正文。\n`,
    's.md',
    bulletins,
    d,
  );
  return { s, codes: d.map((x) => `${x.code}:${x.field}`) };
};
const issue = (fields: string) => {
  const d: Diagnostic[] = [];
  const i = parseIssue(`---\npublication: jianyi\nyear: 2026\ndate: 2026-03-01\nsubmissions: [a]\n${fields}\n---\n`, 'i.md', bulletins, d);
  return { i, codes: d.map((x) => `${x.code}:${x.field}`), messages: d.map((x) => x.message) };
};

describe('hostile values', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('refuses status: %s and publication: %s', (name) => {
    expect(submission(`status: ${name}`).codes).toContain('invalid-value:status');
    expect(issue(`number: 1\nstatus: ${name}`).codes).toContain('invalid-value:status');
    const d: Diagnostic[] = [];
    parseSubmission(`---\ntitle: t\npublication: ${name}\nauthors: 张三\nsubmitted: 2026-01-01\n---\n`, 's.md', bulletins, d);
    expect(d.map((x) => x.code)).toContain('unknown-bulletin');
  });

  it('makes a misspelt field of a final issue an error: it would print without what the field holds', () => {
    const fields = (status: string) => `number: 1\nstatus: ${status}\ndistrubution:\n  报: [中央办公厅]\n`;
    const final = issue(fields('final'));
    expect(final.i).toBeUndefined();
    expect(final.codes).toContain('unknown-field:distrubution');
    expect(final.messages.find((m) => m.includes('distrubution'))).toContain('a final issue would print without its distribution');
    // A draft warns, and prints; a field with no likeness to any (a note to self) only warns, final or not.
    const draft = issue(fields('draft'));
    expect(draft.i).toBeDefined();
    expect(draft.codes).toContain('unknown-field:distrubution');
    expect(issue('number: 1\nstatus: final\nmy_private_remark: x\ncopies: 10').i).toBeDefined();
  });

  it('takes blank text for missing text', () => {
    const r = submission('');
    expect(r.s).toBeDefined();
    const d: Diagnostic[] = [];
    expect(parseSubmission('---\ntitle: "   "\npublication: jianyi\nauthors: 张三\nsubmitted: 2026-01-01\n---\n正文', 's.md', bulletins, d)).toBeUndefined();
    expect(d.map((x) => `${x.code}:${x.field}`)).toContain('missing-field:title');
  });

  it.each([
    ['number: 30000000', 'out-of-range:number'],
    ['number: 9007199254740993', 'invalid-type:number'],
    ['number: 1\ncopies: 1e21', 'invalid-type:copies'],
    ['number: 1\ncopies: 2000000', 'out-of-range:copies'],
    ['number: 1\ntotal: 0', 'out-of-range:total'],
    ['number: 1\nserial: 1234567', 'out-of-range:serial'],
  ])('bounds %s', (fields, code) => {
    const r = issue(fields);
    expect(r.codes).toContain(code);
    expect(r.i).toBeUndefined();
  });
});

describe('a number past what JavaScript holds exactly', () => {
  it('is quoted as the file writes it, not as it was read', () => {
    for (const written of ['9007199254740993', '123456789012345678901234567890']) {
      const r = issue(`number: ${written}`);
      expect(r.messages.join('\n')).toContain(`"number" must be a whole number, not ${written}`);
    }
  });
});

describe('hostile structure', () => {
  it('reports Markdown nested too deep as a problem of its file, not a crash', async () => {
    const { renderMarkdown } = await import('../../src/render/markdown.js');
    // 20,000 "*" on one line is now refused earlier, as a block too long (see linear.test.ts).
    for (const markdown of ['>'.repeat(10_000) + ' 深', '*'.repeat(4_000) + '深' + '*'.repeat(4_000)]) {
      const d: Diagnostic[] = [];
      expect(renderMarkdown({ markdown, file: 'deep.md', firstLine: 7, idPrefix: 'a1-', resolveImage: () => ({ url: 'x' }) }, d)).toBe('');
      expect(d.map((x) => `${x.code}@${x.file}:${x.line}`)).toEqual(['markdown-too-deep@deep.md:7']);
    }
  });

  it('reports a YAML alias bomb as a problem of its file', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
    ].join('\n');
    const d: Diagnostic[] = [];
    expect(parseSubmission(`---\n${bomb}\ntitle: t\n---\n正文`, 'bomb.md', bulletins, d)).toBeUndefined();
    expect(d.map((x) => `${x.code}@${x.file}`)).toContain('yaml-syntax@bomb.md');
  });
});

describe('text printed to a terminal', () => {
  it('shows control characters and bidi overrides as escapes, in diagnostics and in list', async () => {
    const { formatDiagnostics, printable } = await import('../../src/cli/report.js');
    const evil = 'a\x1b[2J\x1b[1;1Hb\u202egnp.exe\x07\r';
    expect(printable(evil)).toBe('a\\u{1b}[2J\\u{1b}[1;1Hb\\u{202e}gnp.exe\\u{7}\\u{d}');
    const out = formatDiagnostics(
      [{ severity: 'warning', code: 'unknown-field', file: `s${evil}.md`, line: 2, field: evil, message: `unknown field "${evil}"`, hint: evil }],
      false,
    );
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/);
    expect(out).toContain('\\u{1b}[2J');
  });
});

describe('a manifest of the wrong shape', () => {
  it('keeps only well-formed entries whose paths stay in the output folder', async () => {
    const { wellFormed } = await import('../../src/generate/manifest.js');
    const good = { fingerprint: 'f', pdf: 'a.pdf', bytes: 10, sha256: 'ab', pages: 1, file: 'briefs/issues/a.md' };
    expect(wellFormed([good])).toEqual({});
    expect(wellFormed(null)).toEqual({});
    expect(
      wellFormed({ a: good, b: null, c: { ...good, bytes: '10' }, d: { ...good, pdf: '../../etc/passwd' }, e: { ...good, html: '/etc/x' }, f: 7 }),
    ).toEqual({ a: good });
    // The Word edition's record is kept (an unchanged .docx is not written again), inside the folder only.
    const withDocx = { ...good, docx: 'a.docx', docxSha256: 'cd' };
    expect(wellFormed({ a: withDocx, b: { ...withDocx, docx: '../x.docx' }, c: { ...withDocx, docx: 5 } })).toEqual({ a: withDocx });
  });
});

describe('hostile characters', () => {
  it('names control characters and bidi overrides with their place, once each, with a count', async () => {
    const { checkControls } = await import('../../src/content/controls.js');
    const text = '---\ntitle: "报告\x1b[2J"\n---\n正文\u202Egnp.exe\u202C 与 \u202Egnp.exe。\n\t缩进不算。\x00';
    const found = checkControls(text, 's.md').map((d) => `${d.data!.codepoint}@${d.line}:${d.column}${d.data!.count ? `×${d.data!.count}` : ''}`);
    expect(found).toEqual(['U+001B@2:11', 'U+202E@4:3×2', 'U+202C@4:11', 'U+0000@5:7']);
  });

  it('reads UTF-16 as strictly as UTF-8', async () => {
    const { decodeText } = await import('../../src/content/decode.js');
    const good = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\n标题\n', 'utf16le')]);
    const d: Diagnostic[] = [];
    expect(decodeText(good, 'a.md', 'utf-8', d)).toBe('---\n标题\n');
    // A lone high surrogate on line 2.
    const bad = Buffer.concat([good, Buffer.from([0x3d, 0xd8]), Buffer.from('x\n', 'utf16le')]);
    expect(decodeText(bad, 'a.md', 'utf-8', d)).toBeUndefined();
    expect(d.map((x) => `${x.code}@${x.line}`)).toEqual(['encoding-broken@3']);
  });
});
