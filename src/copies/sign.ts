/**
 * `briefs copies --sign FILE.p12`: each copy is signed with a PKCS#7 detached signature
 * (@signpdf), the signer's name in the signature dictionary. The password comes from the
 * environment (BRIEFS_SIGN_PASSWORD), never from the command line or the workspace, where
 * others could read it. A certificate that is not valid today is refused before anything is
 * written.
 */
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { usageError } from '../errors.js';

export interface CopySigner {
  name: string;
  sign(pdf: Uint8Array, reason: string): Promise<Uint8Array>;
}

export function loadSigner(p12: Buffer, password: string, now = new Date()): CopySigner {
  let cert: forge.pki.Certificate | undefined;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    const bags = forge.pkcs12.pkcs12FromAsn1(asn1, password).getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
    cert = bags.find((b) => b.cert)?.cert;
  } catch (cause) {
    throw usageError('sign-certificate', 'cannot open the signing certificate', {
      hint: 'check the file and the password in BRIEFS_SIGN_PASSWORD',
      cause,
      zh: ['无法打开签名证书', '检查证书文件和 BRIEFS_SIGN_PASSWORD 中的口令'],
    });
  }
  if (!cert)
    throw usageError('sign-certificate', 'the signing file holds no certificate', {
      hint: 'export the certificate with its private key as a .p12',
      zh: ['签名文件中没有证书', '导出含私钥的 .p12 证书'],
    });
  const { notBefore, notAfter } = cert.validity;
  if (now < notBefore || now > notAfter) {
    throw usageError('sign-certificate', `the signing certificate is valid from ${notBefore.toISOString()} to ${notAfter.toISOString()}, not today`, {
      hint: 'use a certificate that is valid now; nothing was written',
      zh: [`签名证书的有效期为 ${notBefore.toISOString()} 至 ${notAfter.toISOString()}，今天不在其内`, '请使用当前有效的证书；未写出任何文件'],
    });
  }
  // forge keeps UTF8String values as UTF-8 bytes in a binary string.
  const got = (cert.subject.getField('CN') ?? cert.subject.getField('O')) as { value?: unknown } | null;
  const field = got?.value;
  const name = typeof field === 'string' ? forge.util.decodeUtf8(field) : 'briefs';
  return {
    name,
    async sign(pdf, reason) {
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      pdflibAddPlaceholder({ pdfDoc: doc, reason, contactInfo: '', name, location: '' });
      const withPlaceholder = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
      return new Uint8Array(await new SignPdf().sign(Buffer.from(withPlaceholder), new P12Signer(p12, password)));
    },
  };
}

/**
 * @signpdf/signer-p12's signer, with one mend. node-forge reads a name's UTF8String values as
 * raw bytes but writes them back encoded once more, so a certificate named in Chinese (中国科协
 * 办公厅) came out of the signature with another issuer, and pdfsig could not find the signer
 * ("Unknown Validation Failure"). The values are decoded before signing, so they are written
 * back as they were read. (The upstream signer also reads its certificate only once: it is made
 * afresh for each copy.)
 */
class P12Signer extends Signer {
  constructor(
    private readonly p12: Buffer,
    private readonly password: string,
  ) {
    super();
  }

  /** @signpdf's Signer is asynchronous; forge signs synchronously: its throws become rejections. */
  sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    return Promise.resolve().then(() => this.signNow(pdf, signingTime));
  }

  private signNow(pdf: Buffer, signingTime?: Date): Buffer {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(this.p12.toString('binary')));
    const bundle = forge.pkcs12.pkcs12FromAsn1(asn1, false, this.password);
    const certs = (bundle.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
      .map((b) => b.cert)
      .filter((c): c is forge.pki.Certificate => !!c);
    const key = (bundle.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? [])[0]?.key;
    if (!key) throw new Error('the certificate file holds no private key');
    for (const cert of certs)
      for (const attr of [...cert.subject.attributes, ...cert.issuer.attributes] as { valueTagClass?: number; value?: unknown }[])
        if (attr.valueTagClass === (forge.asn1.Type.UTF8 as number) && typeof attr.value === 'string') attr.value = forge.util.decodeUtf8(attr.value);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    let mine: forge.pki.Certificate | undefined;
    for (const cert of certs) {
      p7.addCertificate(cert);
      const pub = cert.publicKey as forge.pki.rsa.PublicKey;
      if (key.n.compareTo(pub.n) === 0 && key.e.compareTo(pub.e) === 0) mine = cert;
    }
    if (!mine) throw new Error('no certificate in the file matches its private key');
    p7.addSigner({
      key,
      certificate: mine,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}
