/**
 * Diagnostic codes are a stable interface: each one briefs can report has a Chinese message
 * and a line in the table of docs/diagnostics.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES_ZH } from '../../src/messages/messages-zh.js';

const src = path.resolve(__dirname, '../../src');
const files = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => path.join(e.parentPath, e.name));

function codesInSource(): Set<string> {
  const codes = new Set<string>();
  const patterns = [
    /\bcode: '([a-z0-9-]+)'/g,
    /\.fail\([^,]+, '([a-z0-9-]+)'/g,
    /\.report\('(?:error|warning)', '([a-z0-9-]+)'/g,
    /\bwarn\('([a-z0-9-]+)'/g,
    /(?<![.\w])fail\('([a-z0-9-]+)'/g,
  ];
  for (const file of files) {
    if (file.endsWith('messages-zh.ts') || file.endsWith('errors.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const p of patterns) for (const m of text.matchAll(p)) codes.add(m[1]);
  }
  return codes;
}

describe('diagnostic codes', () => {
  const codes = codesInSource();

  it('are found in the source', () => {
    expect(codes.size).toBeGreaterThan(30);
    expect(codes).toContain('yaml-syntax');
    expect(codes).toContain('unsafe-link');
  });

  it('each have a Chinese message', () => {
    for (const code of codes) expect(MESSAGES_ZH, code).toHaveProperty([code]);
  });

  it('are each listed in docs/diagnostics.md', () => {
    const table = readFileSync(path.resolve(__dirname, '../../docs/diagnostics.md'), 'utf8');
    for (const code of codes) expect(table, code).toContain(`| \`${code}\` |`);
  });
});
