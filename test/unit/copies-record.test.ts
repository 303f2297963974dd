/** The copies record read back from dist/, and ledger cells: pure checks, no browser. */
import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/copies/copies.js';
import { wellFormedIssueRecord } from '../../src/copies/record.js';

const good = {
  serials: { next: 4, given: { '报\u0000中央办公厅': [1], '送\u0000教育部': [2, 3] } },
  key: 'k',
  files: { '000001': { sha256: 'a'.repeat(64), recipient: '报\u0000中央办公厅' } },
  ledger: 'b'.repeat(64),
  master: { fingerprint: 'f', sha256: 'c'.repeat(64), slot: { page: 0, x: 1.5, y: 2 } },
};

describe('a copies record', () => {
  it('is taken when whole and consistent', () => {
    expect(wellFormedIssueRecord(good)).toBe(true);
    expect(wellFormedIssueRecord({ serials: { next: 1, given: {} } })).toBe(true);
  });

  it.each([
    ['a 份号 given twice', { ...good, serials: { next: 4, given: { a: [1], b: [1] } } }],
    ['a 份号 at or past next', { ...good, serials: { next: 2, given: { a: [2] } } }],
    ['a 份号 of 0', { ...good, serials: { next: 4, given: { a: [0] } } }],
    ['a 份号 past 999999', { ...good, serials: { next: 1_000_001, given: { a: [1_000_000] } } }],
    ['a 份号 that is a path', { ...good, serials: { next: 4, given: { a: ['../../x'] } } }],
    ['a 份号 that is not whole', { ...good, serials: { next: 4, given: { a: [1.5] } } }],
    ['next not a number', { ...good, serials: { next: '4', given: {} } }],
    ['given not a map', { ...good, serials: { next: 4, given: [[1]] } }],
    ['a file named outside', { ...good, files: { '../../../../PWNED-outside': { sha256: 'a'.repeat(64), recipient: 'x' } } }],
    ['a file of a 份号 never given', { ...good, files: { '000009': { sha256: 'a'.repeat(64), recipient: 'x' } } }],
    ['a hash that is not one', { ...good, files: { '000001': { sha256: 'zz', recipient: 'x' } } }],
    ['a master page that is not whole', { ...good, master: { ...good.master, slot: { page: 0.5, x: 1, y: 2 } } }],
    ['a master place that is not finite', { ...good, master: { ...good.master, slot: { page: 0, x: null, y: 2 } } }],
    ['a ledger hash that is not one', { ...good, ledger: 'x' }],
    ['no serials at all', { files: good.files }],
  ])('is dropped for %s', (_what, record) => {
    expect(wellFormedIssueRecord(record)).toBe(false);
  });
});

describe('a ledger cell', () => {
  it('that a spreadsheet would take as a formula starts with an apostrophe, and is quoted as CSV needs', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('教育部')).toBe('教育部');
    expect(csvField('各省、自治区,直辖市')).toBe('"各省、自治区,直辖市"');
    expect(csvField(12)).toBe('12');
  });
});
