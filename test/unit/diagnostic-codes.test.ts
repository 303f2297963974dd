/**
 * Codes are a stable interface, described once (src/messages/catalogue.ts): the compiler holds
 * every diagnostic and usage error to a code of the catalogue; this holds the catalogue to the
 * source (no entry for a code nothing reports) and docs/diagnostics.md to the catalogue: the
 * page is made from it, and `npm run docs` writes it again (BRIEFS_UPDATE_DOCS=1).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, USAGE } from '../../src/messages/catalogue.js';

const repo = path.resolve(__dirname, '../..');
const DOC = path.join(repo, 'docs/diagnostics.md');
const src = path.join(repo, 'src');
const files = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => path.join(e.parentPath, e.name));

/** The page of docs/diagnostics.md, made from the catalogue. */
function page(): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    '# Diagnostic codes',
    '',
    '<!-- Made from src/messages/catalogue.ts by `npm run docs`; a test fails when they differ. -->',
    '',
    'The codes are stable; messages may be reworded. Every problem names its file, line and field and',
    'says what to do, in English or Chinese (`--lang`). The terminal and the preview list at most ten',
    'problems of one code for one file and count the rest (“and 15 more like it in this file”);',
    '`--json` lists every one.',
    '',
    '## Problems in the workspace’s files (`validate`, `generate` and the preview report them)',
    '',
    row(['code', 'severity', 'what it means']),
    row(['---', '---', '---']),
    ...Object.entries(CATALOGUE).map(([code, e]) => row([`\`${code}\``, e.severity, e.means])),
    '',
    '## Usage and environment problems (the command stops, exit 2)',
    '',
    row(['code', 'what it means']),
    row(['---', '---']),
    ...Object.entries(USAGE).map(([code, means]) => row([`\`${code}\``, means])),
    '',
  ].join('\n');
}

describe('diagnostic codes', () => {
  it('are each reported somewhere in the source, and have Chinese that names a Han character', () => {
    const text = files
      .filter((f) => !/messages[\\/](catalogue|codes-files|codes-output|codes-copies)\.ts$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const code of [...Object.keys(CATALOGUE), ...Object.keys(USAGE)]) expect(text, code).toContain(`'${code}'`);
    for (const [code, e] of Object.entries(CATALOGUE)) expect(e.zh[0], code).toMatch(/\p{Script=Han}/u);
  });

  it('are described in docs/diagnostics.md as the catalogue says', () => {
    if (process.env.BRIEFS_UPDATE_DOCS) writeFileSync(DOC, page());
    expect(readFileSync(DOC, 'utf8')).toBe(page());
  });
});
