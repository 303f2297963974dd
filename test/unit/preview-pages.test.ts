/** The preview's index: its words in the chosen language, and a sentence where a table would be empty. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import { indexPage, overlay } from '../../src/preview/pages.js';
import type { Project } from '../../src/workspace/project.js';

const empty = { config: defaultConfig('/ws'), issues: [], submissions: [], diagnostics: [], byId: new Map(), unusable: new Map() } as unknown as Project;

describe('the preview index', () => {
  it('says in a sentence that there is nothing, in either language, rather than show empty tables', () => {
    const zh = indexPage(empty, 'zh');
    expect(zh).toContain('所有稿件都已编入一期。');
    expect(zh).toContain('还没有任何一期');
    expect(zh).not.toContain('<table>');
    const en = indexPage(empty, 'en');
    expect(en).toContain('Every submission is in an issue.');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('heads the overlay in the chosen language', () => {
    const d = [{ severity: 'error' as const, code: 'too-long' as const, file: 'a.md', message: 'm' }];
    expect(overlay(d, 'en')).toContain('1 error');
    expect(overlay(d, 'zh')).toContain('1 个错误');
  });
});
