/** Checks across files and of printed characters: numbering, cascades, placeholders, glyphs. Pure. */
import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/assemble/cross-check.js';
import { nextNumber } from '../../src/assemble/numbering.js';
import { numberingChecks } from '../../src/assemble/numbering-checks.js';
import { placeholderChecks } from '../../src/assemble/placeholders.js';
import { PLACEHOLDERS, submissionFileText } from '../../src/assemble/submission-file.js';
import { checkGlyphs } from '../../src/fonts/glyph-check.js';
import type { IssueFile, Submission } from '../../src/content/model.js';
import { claimedId } from '../../src/content/workspace.js';
import { Coverage } from '../../src/fonts/coverage.js';
import { makeIssue } from '../helpers/factories.js';

const at = (file: string, extra: Partial<IssueFile>) => makeIssue({ publication: 'jianyi', year: 2026, file, ...extra });
const codes = (ds: { code: string; file: string }[]) => ds.map((d) => `${d.code}@${d.file}`).sort();

describe('numbering checks', () => {
  it('reports a duplicate 总期号 on both files, and a total that goes down', () => {
    const issues = [
      at('1.md', { number: 1, total: 500 }),
      at('2.md', { number: 2, total: 500 }),
      at('3.md', { number: 3, total: 499 }),
      at('4.md', { number: 4, total: 502 }),
    ];
    expect(codes(numberingChecks(issues))).toEqual(['duplicate-total@1.md', 'duplicate-total@2.md', 'total-order@3.md']);
  });

  it('reports a file name that disagrees with its number, for regular issues and supplements', () => {
    const issues = [
      at('005.md', { number: 7 }),
      at('006.md', { number: 6 }),
      at('7.md', { number: 7, year: 2025 }),
      at('s2.md', { number: 2, supplement: true }),
      at('s3.md', { number: 1, supplement: true, year: 2025 }),
    ];
    expect(codes(numberingChecks(issues).filter((d) => d.code === 'file-number'))).toEqual(['file-number@005.md', 'file-number@s3.md']);
  });

  it('reports a later number dated before an earlier one of the same year, not across years', () => {
    const issues = [
      at('003.md', { number: 3, date: '2026-05-01' }),
      at('004.md', { number: 4, date: '2026-04-01' }),
      at('2027/001.md', { number: 1, year: 2027, date: '2027-01-05' }),
    ];
    const found = numberingChecks(issues).filter((d) => d.code === 'date-order');
    expect(codes(found)).toEqual(['date-order@004.md']);
    expect(found[0].message).toContain('2026-04-01');
  });

  it('makes one warning for a run of missing numbers, however long', () => {
    const found = numberingChecks([at('1.md', { number: 1 }), at('2.md', { number: 30_000_000 })]).filter((d) => d.code === 'numbering-gap');
    expect(found).toHaveLength(1);
    expect(found[0].data).toMatchObject({ missing: '2–29999999' });
  });

  it('gives a new issue the highest total + 1, not the total of the highest number', () => {
    const issues = [at('1.md', { number: 1, total: 520 }), at('2.md', { number: 2, total: 510 })];
    expect(nextNumber(issues, 'jianyi', 2026, false)).toEqual({ number: 3, total: 521 });
  });
});

describe('an issue that lists a submission with errors', () => {
  it('points at the submission file (submission-invalid), not at a missing id', () => {
    const issue = at('i.md', { submissions: ['jy-1', 'jy-9'] });
    const found = crossCheck([], [issue], new Map([['jy-1', 'briefs/submissions/jy-1.md']]));
    expect(found.map((d) => `${d.code}:${d.data?.id}`)).toEqual(['submission-invalid:jy-1', 'unknown-submission:jy-9']);
    expect(found[0].data?.other).toBe('briefs/submissions/jy-1.md');
  });

  it('lets a draft go without a submission that is gone (a warning), not a final issue (an error)', () => {
    // init's example submission deleted, as its text suggests: the example issue is a draft.
    const draft = crossCheck([], [at('d.md', { submissions: ['example'], status: 'draft' })]);
    expect(draft.map((d) => `${d.severity}:${d.code}`)).toEqual(['warning:unknown-submission']);
    expect(draft[0].message).toContain('the draft prints without it');
    const final = crossCheck([], [at('f.md', { submissions: ['example'], status: 'final' })]);
    expect(final.map((d) => `${d.severity}:${d.code}`)).toEqual(['error:unknown-submission']);
  });

  it('knows a broken file by its id: line, else by its name', () => {
    expect(claimedId('s/a.md', '---\ntitle: x\nid: jy-7 # note\nsubmitted: 2026-13-45\n---\n正文')).toBe('jy-7');
    expect(claimedId('s/a.md', '---\n编号: "jy-8"\n---\n')).toBe('jy-8');
    expect(claimedId('s/jy-2026-001.md', '---\ntitle: [\n---\n')).toBe('jy-2026-001');
    expect(claimedId('s/jy-2026-002.md', undefined)).toBe('jy-2026-002');
  });
});

describe('placeholders', () => {
  const form = (id: string, extra: Partial<Submission> = {}): Submission => ({
    id,
    file: `${id}.md`,
    title: 't',
    publication: 'jianyi',
    authors: [{ name: '王五', title: PLACEHOLDERS.title, affiliation: PLACEHOLDERS.affiliation }],
    submitted: '2026-01-01',
    status: 'accepted',
    body: `${PLACEHOLDERS.body[0]}\n\n## ${PLACEHOLDERS.body[1]}\n\n真正的正文。`,
    bodyLine: 12,
    ...extra,
  });

  it('are in the form new submission writes', () => {
    const text = submissionFileText({ publication: 'jianyi', title: 't', date: '2026-01-01' });
    for (const v of [PLACEHOLDERS.name, PLACEHOLDERS.title, PLACEHOLDERS.affiliation, ...PLACEHOLDERS.body]) expect(text).toContain(v);
  });

  it('are an error in a final issue and a warning elsewhere, each with its field and line', () => {
    const found = placeholderChecks(
      [form('a'), form('b')],
      [at('i.md', { status: 'final', submissions: ['a'] }), at('j.md', { status: 'draft', submissions: ['b'] })],
    );
    expect(found.filter((d) => d.file === 'a.md').map((d) => `${d.severity} ${d.field} ${d.line ?? ''}`)).toEqual([
      'error authors.title ',
      'error authors.affiliation ',
      'error body 12',
      'error body 14',
    ]);
    expect(found.filter((d) => d.file === 'b.md').every((d) => d.severity === 'warning')).toBe(true);
  });
});

describe('glyph coverage', () => {
  const coverage = new Coverage();
  coverage.addUnicodeRange('U+0-7f,U+4e00-9fff,U+ff0c');

  it('reports each missing character once a file, at its first place, with its code point and count', () => {
    const found = checkGlyphs([{ file: 'a.md', text: '刘䶮说，\n王𬱖与刘䶮。', line: 9 }], coverage);
    expect(found.map((d) => `${d.line}:${d.column} ${d.data?.codepoint} ${d.data?.count ?? 1}`)).toEqual(['9:2 U+4DAE 2', '10:2 U+2CC56 1', '10:6 U+3002 1']);
  });

  it('gives a field its line but no column, and passes spaces and joiners', () => {
    const found = checkGlyphs([{ file: 'a.md', text: '刘 䶮\u200d\ufe0f', line: 3, field: 'title' }], coverage);
    expect(found.map((d) => `${d.line}:${d.column ?? '-'} ${d.field} ${d.data?.codepoint}`)).toEqual(['3:- title U+4DAE']);
  });
});
