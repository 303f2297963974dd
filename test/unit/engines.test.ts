/**
 * Every package an install of briefs brings (the repository's, development ones too: README's
 * quick start installs them) runs on the Node the README and the workflow name, so that npm
 * prints no engine warning there (docx 9 brought nanoid 6, which asks for Node 22: overridden
 * in package.json with nanoid 5, which docx's own code works with).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const own = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { engines: { node: string } };

function packages(dir: string, out: { name: string; version: string; engines?: { node?: string } }[] = []) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const at = path.join(dir, name);
    if (name.startsWith('@')) {
      packages(at, out);
      continue;
    }
    const file = path.join(at, 'package.json');
    if (!existsSync(file)) continue;
    out.push(JSON.parse(readFileSync(file, 'utf8')));
    if (existsSync(path.join(at, 'node_modules'))) packages(path.join(at, 'node_modules'), out);
  }
  return out;
}

describe('the Node briefs asks for', () => {
  it('is one every installed package runs on', () => {
    const least = semver.minVersion(own.engines.node)!.version;
    expect(least).toBe('20.19.0');
    const all = packages(path.join(repo, 'node_modules'));
    expect(all.length).toBeGreaterThan(100);
    const wanting = all.filter((p) => p.engines?.node && !semver.satisfies(least, p.engines.node)).map((p) => `${p.name}@${p.version} (${p.engines!.node})`);
    expect(wanting).toEqual([]);
  });
});
