/** The signing certificate is checked before anything is written: its password, and its dates. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSigner } from '../../src/copies/sign.js';
import { makeP12 } from '../helpers/certificate.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-sign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadSigner', () => {
  const p12 = readFileSync(makeP12(dir, '科协测试'));
  it('reads the signer’s name, in Chinese as written', () => {
    expect(loadSigner(p12, 'secret').name).toBe('科协测试');
  });
  it('refuses a wrong password, and a certificate not valid on the day', () => {
    expect(() => loadSigner(p12, 'wrong')).toThrow(/cannot open the signing certificate/);
    expect(() => loadSigner(p12, 'secret', new Date(Date.now() + 60 * 86_400_000))).toThrow(/not today/);
    expect(() => loadSigner(p12, 'secret', new Date(Date.now() - 86_400_000))).toThrow(/not today/);
  });
});
