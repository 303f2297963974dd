/**
 * A detached CMS SignedData (RFC 5652), as a PDF's adbe.pkcs7.detached signature holds it, built
 * with Node's own crypto. node-forge built it before, in JavaScript: about 80 ms a copy, where
 * the RSA operation itself takes about 2 ms. Its certificates are written as the .p12 held them,
 * byte for byte, and the signer is named by the issuer and serial number read from its own
 * certificate's bytes: forge wrote a name's UTF8String values encoded a second time, so a
 * signer named in Chinese (中国科协办公厅) was not found by pdfsig.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import { children, integer, NULL, octets, oid, sequence, setOf, tagged, time } from './der.js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

export interface CmsSigner {
  key: KeyObject;
  /** The signer's certificate (DER), then the rest of its chain as the file held it. */
  certificates: Uint8Array[];
}

/** The issuer and serial number of a certificate, as its own bytes have them (RFC 5280 §4.1). */
export function issuerAndSerial(certificate: Uint8Array): Buffer {
  const [tbs] = children(certificate);
  const fields = children(tbs);
  // version is [0] EXPLICIT and optional (v1 certificates leave it out).
  const at = fields[0][0] === 0xa0 ? 1 : 0;
  const serial = fields[at];
  const issuer = fields[at + 2];
  if (serial?.[0] !== 0x02 || issuer?.[0] !== 0x30) throw new RangeError('not an X.509 certificate');
  return sequence(issuer, serial);
}

/** The DER of the SignedData over these bytes' SHA-256, signed now (or at `at`). */
export function signedData(content: Uint8Array | Uint8Array[], signer: CmsSigner, at = new Date()): Buffer {
  const hash = createHash('sha256');
  for (const part of Array.isArray(content) ? content : [content]) hash.update(part);
  const digestAlgorithm = sequence(oid(OID.sha256), NULL);
  const attributes = [
    sequence(oid(OID.contentType), setOf(oid(OID.data))),
    sequence(oid(OID.signingTime), setOf(time(at))),
    sequence(oid(OID.messageDigest), setOf(octets(hash.digest()))),
  ];
  // The signature is over the attributes encoded as a SET OF (tag 0x31), then stored under [0].
  const signed = setOf(...attributes);
  const ec = signer.key.asymmetricKeyType === 'ec';
  const signatureAlgorithm = ec ? sequence(oid(OID.ecdsaWithSha256)) : sequence(oid(OID.rsaEncryption), NULL);
  const signature = sign('sha256', signed, signer.key);
  const signerInfo = sequence(
    integer(1),
    issuerAndSerial(signer.certificates[0]),
    digestAlgorithm,
    tagged(0, signed.subarray(signedHeader(signed))),
    signatureAlgorithm,
    octets(signature),
  );
  const body = sequence(integer(1), setOf(digestAlgorithm), sequence(oid(OID.data)), tagged(0, ...signer.certificates), setOf(signerInfo));
  return sequence(oid(OID.signedData), tagged(0, body));
}

/** Where a DER element's contents start (after its tag and length). */
const signedHeader = (der: Uint8Array) => (der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2);
