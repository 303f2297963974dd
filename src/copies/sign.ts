/**
 * `briefs copies --sign FILE.p12`: each copy carries a detached CMS signature (adbe.pkcs7.detached),
 * the signer's name in the signature dictionary. The password comes from the environment
 * (BRIEFS_SIGN_PASSWORD), never from the command line or the workspace, where others could read
 * it. A certificate that is not valid today is refused before anything is written.
 *
 * The .p12 is opened once a run, with node-forge (Node's crypto cannot read PKCS#12); its key
 * becomes a Node KeyObject and its certificates stay the bytes the file held. Each copy's
 * signature is then one SHA-256 of the copy and one RSA (or ECDSA) operation (cms.ts), written
 * into the placeholder its stamp left (sig-field.ts).
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { usageError } from '../errors.js';
import { signedData } from './cms.js';
import { sealSignature, type SignatureField } from './sig-field.js';

export interface CopySigner {
  name: string;
  /** The signature field a copy's update carries, to be sealed once the copy's bytes are known. */
  field(reason: string): SignatureField;
  /** The copy's bytes with its signature written into the field's placeholder. */
  seal(pdf: Uint8Array): Uint8Array;
}

interface Unpacked {
  keys: KeyObject[];
  certificates: Buffer[];
}

const der = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

/** The private keys and certificates of a .p12, or why it cannot be opened. */
function unpack(p12: Buffer, password: string): Unpacked {
  const bundle = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, password);
  const bags = (type: string) => bundle.getBags({ bagType: type })[type] ?? [];
  // forge models RSA only: another kind of key or certificate comes back as its ASN.1.
  const certificates = bags(forge.pki.oids.certBag).flatMap((b) => (b.cert ? [der(forge.pki.certificateToAsn1(b.cert))] : b.asn1 ? [der(b.asn1)] : []));
  const keys = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)].flatMap((b) =>
    b.key ? [createPrivateKey(forge.pki.privateKeyToPem(b.key))] : b.asn1 ? [createPrivateKey({ key: der(b.asn1), format: 'der', type: 'pkcs8' })] : [],
  );
  return { keys, certificates };
}

/** The signer's name as its certificate gives it: the common name, else the organisation. */
function nameOf(cert: X509Certificate): string {
  const lines = cert.subject.split('\n');
  const value = (key: string) => lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);
  return value('CN') ?? value('O') ?? 'briefs';
}

export function loadSigner(p12: Buffer, password: string, now = new Date()): CopySigner {
  let unpacked: Unpacked;
  try {
    unpacked = unpack(p12, password);
  } catch (cause) {
    throw usageError('sign-certificate', 'cannot open the signing certificate', {
      hint: 'check the file and the password in BRIEFS_SIGN_PASSWORD',
      cause,
      zh: ['无法打开签名证书', '检查证书文件和 BRIEFS_SIGN_PASSWORD 中的口令'],
    });
  }
  const certs = unpacked.certificates.map((bytes) => ({ bytes, x509: new X509Certificate(bytes) }));
  if (certs.length === 0)
    throw usageError('sign-certificate', 'the signing file holds no certificate', {
      hint: 'export the certificate with its private key as a .p12',
      zh: ['签名文件中没有证书', '导出含私钥的 .p12 证书'],
    });
  const key = unpacked.keys[0];
  const mine = key && certs.find((c) => c.x509.checkPrivateKey(key));
  if (!key || !mine)
    throw usageError('sign-certificate', 'the signing file holds no private key for its certificate', {
      hint: 'export the certificate with its private key as a .p12',
      zh: ['签名文件中没有与证书相配的私钥', '导出含私钥的 .p12 证书'],
    });
  const notBefore = new Date(mine.x509.validFrom);
  const notAfter = new Date(mine.x509.validTo);
  if (now < notBefore || now > notAfter) {
    throw usageError('sign-certificate', `the signing certificate is valid from ${notBefore.toISOString()} to ${notAfter.toISOString()}, not today`, {
      hint: 'use a certificate that is valid now; nothing was written',
      zh: [`签名证书的有效期为 ${notBefore.toISOString()} 至 ${notAfter.toISOString()}，今天不在其内`, '请使用当前有效的证书；未写出任何文件'],
    });
  }
  const signer = { key, certificates: [mine.bytes, ...certs.filter((c) => c !== mine).map((c) => c.bytes)] };
  // Room for the signature: its certificates, the key's own signature and the attributes, with a margin.
  const length = Math.max(8192, signer.certificates.reduce((n, c) => n + c.length, 0) + 2048);
  // One signing time a run: the copies of one run were signed together.
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const name = nameOf(mine.x509);
  return {
    name,
    field: (reason) => ({ name, reason, at, length }),
    seal: (pdf) => sealSignature(pdf, (parts) => signedData(parts, signer, at)),
  };
}
