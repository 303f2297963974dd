/**
 * A copy's signature, in the same incremental update as its stamp (stamp.ts): a signature
 * dictionary whose /ByteRange and /Contents are placeholders, an invisible widget on page 1,
 * and the catalog's /AcroForm naming it (ISO 32000-1 §12.8). Once the copy's bytes are known,
 * `sealSignature` writes the byte range and the CMS signature into the placeholders.
 *
 * Before, the stamped copy was loaded and saved again by pdf-lib to add the placeholder
 * (@signpdf/placeholder-pdf-lib): two whole parses and a save a copy, most of a signed copy's
 * time beside forge's signing. The objects are what that placeholder wrote (an empty
 * appearance stream, print flag set, as PDF/A asks of an annotation), with one mend: the
 * reason and name are written as UTF-16 text strings, so 《科技工作者建议》 reads as written
 * in a reader's signature panel instead of as Latin-1 mojibake.
 */
import { PDFArray, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFObject, type PDFRef } from '@cantoo/pdf-lib';

export interface SignatureField {
  name: string;
  reason: string;
  /** The signing time, written as /M and into the signature's signed attributes. */
  at: Date;
  /** Bytes kept for the DER signature (its hex takes twice as many). */
  length: number;
}

const PLACEHOLDER = '**********';
/** The annotation's Print flag (ISO 32000-1 Table 165); the signature's SigFlags: SignaturesExist | AppendOnly. */
const PRINT = 4;
const SIG_FLAGS = 3;

/**
 * Adds the signature's objects to the update's context and sets the widget on the page's and
 * the catalog's dictionaries, which the caller has already copied into the update.
 */
export function addSignatureField(context: PDFContext, field: SignatureField, page: { ref: PDFRef; dict: PDFDict }, catalog: PDFDict): void {
  const signature = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'adbe.pkcs7.detached',
      ByteRange: [0, PDFName.of(PLACEHOLDER), PDFName.of(PLACEHOLDER), PDFName.of(PLACEHOLDER)],
      Contents: PDFHexString.of('00'.repeat(field.length)),
      Reason: PDFHexString.fromText(field.reason),
      M: PDFString.fromDate(field.at),
      Name: PDFHexString.fromText(field.name),
      Prop_Build: { Filter: { Name: 'Adobe.PPKLite' } },
    }),
  );
  const appearance = context.register(context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} }));
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: signature,
      T: PDFString.of('Signature1'),
      F: PRINT,
      P: page.ref,
      AP: { N: appearance },
    }),
  );
  const own = page.dict.lookupMaybe(PDFName.of('Annots'), PDFArray);
  page.dict.set(PDFName.of('Annots'), context.obj([...(own?.asArray() ?? []), widget]));
  const form = catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)?.clone(context) ?? context.obj({});
  const fields = form.lookupMaybe(PDFName.of('Fields'), PDFArray);
  form.set(PDFName.of('Fields'), context.obj([...(fields?.asArray() ?? []), widget] as PDFObject[]));
  const flags = form.lookupMaybe(PDFName.of('SigFlags'), PDFNumber)?.asNumber() ?? 0;
  form.set(PDFName.of('SigFlags'), PDFNumber.of(flags | SIG_FLAGS));
  catalog.set(PDFName.of('AcroForm'), form);
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/**
 * The copy's bytes with its signature in place: the /ByteRange covers the whole file but the
 * /Contents hex string, whose bytes `sign` is given (in two parts) and whose DER it returns.
 * The copy's update is the file's last, so its placeholders are the last in the file.
 */
export function sealSignature(pdf: Uint8Array, sign: (parts: Uint8Array[]) => Uint8Array): Uint8Array {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const range = bytes.lastIndexOf(latin1('/ByteRange'));
  const open = bytes.indexOf(latin1('['), range);
  const close = bytes.indexOf(latin1(']'), open);
  const contents = bytes.lastIndexOf(latin1('/Contents <'));
  const start = bytes.indexOf(latin1('<'), contents);
  const end = bytes.indexOf(latin1('>'), start) + 1;
  const held = bytes.subarray(open, close + 1);
  if (range < 0 || contents < 0 || end <= start || !held.includes(`/${PLACEHOLDER}`, 0, 'latin1')) throw new Error('the copy has no signature placeholder');
  const written = `[0 ${start} ${end} ${bytes.length - end}]`;
  if (written.length > held.length) throw new Error('the signature’s byte range does not fit its placeholder');
  bytes.write(written.padEnd(held.length, ' '), open, 'latin1');
  const der = sign([bytes.subarray(0, start), bytes.subarray(end)]);
  const room = end - start - 2;
  const hex = Buffer.from(der).toString('hex').toUpperCase();
  if (hex.length > room) throw new Error(`the signature needs ${hex.length / 2} bytes, ${room / 2} were kept for it`);
  bytes.write(hex.padEnd(room, '0'), start + 1, 'latin1');
  return bytes;
}
