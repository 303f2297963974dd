/** A self-signed signing certificate for tests, made with openssl: a .p12 whose password is "secret". */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export function makeP12(dir: string, commonName: string, days = 30): string {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const p12 = path.join(dir, 'cert.p12');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-keyout', key, '-out', cert, '-days', String(days), '-nodes', '-utf8', '-subj', `/CN=${commonName}/O=briefs`],
    {
      stdio: 'ignore',
    },
  );
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', 'pass:secret'], { stdio: 'ignore' });
  return p12;
}
