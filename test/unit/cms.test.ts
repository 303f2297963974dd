/**
 * The copies' signatures, checked by a verifier briefs did not write: OpenSSL's `cms -verify`
 * finds the signer by the issuer and serial the signature names (so a name written otherwise
 * than the certificate has it, as node-forge wrote Chinese names, fails), checks the digest of
 * the content and the signature over the signed attributes.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issuerAndSerial, signedData } from '../../src/copies/cms.js';
import { loadSigner } from '../../src/copies/sign.js';
import { sealSignature } from '../../src/copies/sig-field.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-cms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function verify(signature: Uint8Array, content: Uint8Array, cert: string): { ok: boolean; said: string } {
  writeFileSync(path.join(dir, 'sig.der'), signature);
  writeFileSync(path.join(dir, 'content.bin'), content);
  try {
    const said = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        path.join(dir, 'sig.der'),
        '-content',
        path.join(dir, 'content.bin'),
        '-CAfile',
        cert,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { ok: true, said };
  } catch (e) {
    return { ok: false, said: String((e as { stderr?: string }).stderr) };
  }
}

/** The signature a sealed file holds, and the bytes it signs (all but the /Contents string). */
function sealed(pdf: Buffer): { der: Buffer; signedPart: Buffer } {
  const text = pdf.toString('latin1');
  const [a, b, c] = /\/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]/.exec(text)!.slice(1).map(Number);
  expect(b + c).toBe(pdf.length);
  // DER says its own length: the zeros after it are the placeholder's.
  const hex = text.slice(a + 1, b - 1);
  const all = Buffer.from(hex, 'hex');
  const length = all[1] & 0x80 ? 2 + (all[1] & 0x7f) + all.readUIntBE(2, all[1] & 0x7f) : 2 + all[1];
  return { der: all.subarray(0, length), signedPart: Buffer.concat([pdf.subarray(0, a), pdf.subarray(b)]) };
}

/** A copy-like file: bytes, then the placeholders as the copy's update writes them. */
const withPlaceholder = (length: number) =>
  Buffer.from(
    `%PDF-1.7\n1 0 obj\n<<\n/Contents 2 0 R\n>>\nendobj\n3 0 obj\n<<\n/Type /Sig\n/ByteRange [ 0 /********** /********** /********** ]\n/Contents <${'00'.repeat(length)}>\n>>\nendobj\n%%EOF\n`,
    'latin1',
  );

describe('the copies’ CMS signature', () => {
  // A signer certified by an authority (issuer and subject differ, both in Chinese), the
  // authority's certificate in the .p12 after the signer's.
  const rsaDir = mkdtempSync(path.join(dir, 'rsa-'));
  const at = (f: string) => path.join(rsaDir, f);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
    '-days',
    '30',
    '-utf8',
    '-subj',
    '/CN=中国科协测试根证书',
  );
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('key.pem'), '-out', at('req.pem'), '-utf8', '-subj', '/CN=中国科协办公厅测试/O=办公厅');
  openssl('x509', '-req', '-in', at('req.pem'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('cert.pem'), '-days', '30');
  openssl('pkcs12', '-export', '-inkey', at('key.pem'), '-in', at('cert.pem'), '-certfile', at('ca.pem'), '-out', at('cert.p12'), '-passout', 'pass:secret');
  const p12 = readFileSync(at('cert.p12'));
  const cert = at('ca.pem');

  it('verifies with OpenSSL, a signer named in Chinese found by its issuer and serial', () => {
    const signer = loadSigner(p12, 'secret');
    expect(signer.name).toBe('中国科协办公厅测试');
    const { der, signedPart } = sealed(Buffer.from(signer.seal(withPlaceholder(signer.field('《科技界情况》2026年第1期 第000001号').length))));
    const good = verify(der, signedPart, cert);
    expect(good.ok, good.said).toBe(true);
    // One byte of the file changed outside the signature: the digest no longer matches.
    const tampered = Buffer.from(signedPart);
    tampered[10] ^= 1;
    expect(verify(der, tampered, cert).ok).toBe(false);
  });

  it('names the signer by its certificate’s own bytes', () => {
    const der = Buffer.from(readFileSync(at('cert.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const named = issuerAndSerial(der);
    // The issuer (not the subject) with its Chinese name as UTF-8, once (forge wrote it encoded twice).
    expect(named.includes(Buffer.from('中国科协测试根证书'))).toBe(true);
    expect(named.includes(Buffer.from('中国科协办公厅测试'))).toBe(false);
    expect(named.includes(Buffer.from(Buffer.from('中国科协测试根证书').toString('latin1'), 'utf8'))).toBe(false);
  });

  it('signs with an elliptic-curve key too', () => {
    const ecDir = mkdtempSync(path.join(dir, 'ec-'));
    const key = path.join(ecDir, 'key.pem');
    const ecCert = path.join(ecDir, 'cert.pem');
    const file = path.join(ecDir, 'cert.p12');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-keyout',
        key,
        '-out',
        ecCert,
        '-days',
        '30',
        '-nodes',
        '-utf8',
        '-subj',
        '/CN=科协EC',
      ],
      { stdio: 'ignore' },
    );
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', ecCert, '-out', file, '-passout', 'pass:secret'], { stdio: 'ignore' });
    const signer = loadSigner(readFileSync(file), 'secret');
    expect(signer.name).toBe('科协EC');
    const { der, signedPart } = sealed(Buffer.from(signer.seal(withPlaceholder(signer.field('建议').length))));
    const good = verify(der, signedPart, ecCert);
    expect(good.ok, good.said).toBe(true);
    // signedData on its own, as the sealing calls it.
    const content = Buffer.from('科技工作者建议');
    const certDer = Buffer.from(readFileSync(ecCert, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(verify(signedData(content, { key: createPrivateKey(readFileSync(key)), certificates: [certDer] }), content, ecCert).ok).toBe(true);
  });

  it('refuses a file without its placeholder, and a signature larger than the room kept for it', () => {
    const signer = loadSigner(p12, 'secret');
    expect(() => signer.seal(Buffer.from('%PDF-1.7\n%%EOF\n'))).toThrow(/no signature placeholder/);
    expect(() => sealSignature(withPlaceholder(16), () => Buffer.alloc(100))).toThrow(/needs 100 bytes, 16 were kept/);
  });
});
