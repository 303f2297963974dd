/**
 * Diagnostics worded by the catalogue: the English message and hint filled from the values a
 * diagnostic names, a variant's wording where one is named, and the Chinese from the same entry.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/messages/catalogue.js';
import { localize } from '../../src/messages/messages-zh.js';
import { diagnostic } from '../../src/messages/say.js';

describe('a diagnostic made from the catalogue', () => {
  it('fills the English message and hint from its values and field', () => {
    const d = diagnostic('invalid-date', { severity: 'error', file: 'a.md', line: 3, field: 'submitted' }, { value: '明天' });
    expect(d).toMatchObject({ code: 'invalid-date', file: 'a.md', line: 3, field: 'submitted', data: { value: '明天' } });
    expect(d.message).toBe('"submitted" must be a date written YYYY-MM-DD, not "明天"');
    expect(d.hint).toBe('e.g. submitted: 2020-03-10');
  });

  it('says a variant in its own words, in English, and in the code’s Chinese unless it has its own', () => {
    const d = diagnostic('image-outside-workspace', { severity: 'error', file: 'a.md', field: 'image' }, { src: '/etc/x.png' }, 'absolute');
    expect(d.message).toBe('the image path "/etc/x.png" is absolute');
    expect(d.variant).toBe('absolute');
    expect(localize(d, 'zh').message).toMatch(/\p{Script=Han}/u);
    expect(localize(d, 'zh').message).toContain('/etc/x.png');
  });

  it('leaves a value it was not given in braces, never failing', () => {
    expect(diagnostic('too-long', { severity: 'warning', file: 'a.md' }, { count: 9000 }).message).toContain('{limit}');
  });

  it('has every code worded in both languages, every variant in English', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(entry.en[0], code).not.toBe('');
      expect(entry.zh[0], code).toMatch(/\p{Script=Han}/u);
      for (const [name, v] of Object.entries((entry as { variants?: Record<string, { en: readonly string[] }> }).variants ?? {}))
        expect(v.en[0], `${code}/${name}`).not.toBe('');
    }
  });
});
