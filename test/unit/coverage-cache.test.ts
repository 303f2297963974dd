/** The glyph check's coverage, kept between runs: read back as built, and rebuilt when the kept file is not one briefs wrote. */
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userTempDir } from '../../src/files/user-temp.js';
import { Coverage } from '../../src/fonts/coverage.js';
import { keptCoverage } from '../../src/fonts/coverage-cache.js';

describe('kept coverage', () => {
  it('gives the pattern it was built with, and rebuilds from a file that is not a pattern of its shape', async () => {
    const shipped = `test-${randomBytes(6).toString('hex')}`;
    let builds = 0;
    const build = () => {
      builds++;
      const c = new Coverage();
      c.addUnicodeRange('U+20-7e,U+4e00-9fff');
      c.add(0x2cc56);
      return c;
    };
    const first = await keptCoverage(shipped, [], [], build);
    const again = await keptCoverage(shipped, [], [], build);
    expect(builds).toBe(1);
    expect(again.missingSource()).toBe(first.missingSource());
    // The same characters are missing: 刘䶮 lacks 䶮 (U+4DAE); 王𬱖 has both.
    for (const text of ['刘䶮', '王𬱖', 'abc']) expect(text.match(again.missingPattern()) ?? []).toEqual(text.match(first.missingPattern()) ?? []);
    expect('刘䶮'.match(again.missingPattern())).toEqual(['䶮']);
    // A file changed by someone else (here a pattern that could run for ever) is not used.
    const dir = userTempDir('fonts');
    const kept = readdirSync(dir)
      .filter((f) => f.startsWith('coverage-'))
      .map((f) => path.join(dir, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    // JSON, as the kept file is, but not a pattern of its shape.
    writeFileSync(kept, JSON.stringify('(a+)+$'));
    const rebuilt = await keptCoverage(shipped, [], [], build);
    expect(builds).toBe(2);
    expect(rebuilt.missingSource()).toBe(first.missingSource());
    // and replaced: the next run reads it again.
    await keptCoverage(shipped, [], [], build);
    expect(builds).toBe(2);
  });
});
