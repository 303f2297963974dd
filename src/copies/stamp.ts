/**
 * One numbered copy from the master's bytes: its 份号 where the master left its place, the
 * recipient at the foot of the last page when asked, an invisible line on every page that text
 * extraction finds (份号 and recipient: a leaked file or page names its copy), and an ID of its
 * own. Everything the stamp draws is marked content of type Artifact, so the tagged structure
 * is the master's. Each copy is loaded afresh from the master's bytes: one document saved 200
 * times grows with every save. Pure: bytes in, bytes out.
 */
import fontkit from '@pdf-lib/fontkit';
import { createHash } from 'node:crypto';
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  beginMarkedContent,
  endMarkedContent,
  popGraphicsState,
  pushGraphicsState,
  setTextRenderingMode,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { stampFonts, type StampFont } from './stamp-font.js';

/** The 份号's size: 三号, the body size the masthead's serial line inherits (templates/styles/bulletin.css). */
const SERIAL_SIZE = 16;
const MM = 72 / 25.4;

export interface CopyStamp {
  serial: string;
  recipient: string;
  /** Where the master's 份号 goes: page (1-based), left edge and baseline in points. */
  slot: { page: number; x: number; y: number };
  /** The trace line: text extraction finds it on every page, print never shows it. */
  trace: string;
  /** Print the recipient at the foot of the last page. */
  showRecipient: boolean;
  /** What the copy's ID is made from (the master's fingerprint and this copy). */
  idSeed: string;
}

export async function stampCopy(master: Uint8Array, s: CopyStamp): Promise<Uint8Array> {
  // The fonts are cut here, in the stamping worker, not in the thread that hands out the copies.
  const {
    runs: [serialRuns, recipientRuns, traceRuns],
  } = await stampFonts([s.serial, `（${s.recipient}）`, s.trace]);
  const fonts = { serial: serialRuns, recipient: recipientRuns, trace: traceRuns };
  // Parsed and written without yielding between objects: a copy is small, and the waits add up
  // over 200 copies.
  const doc = await PDFDocument.load(master, { updateMetadata: false, parseSpeed: Infinity });
  doc.registerFontkit(fontkit);
  const embedded = new Map<Uint8Array, PDFFont>();
  const fontOf = async (f: StampFont) => {
    let font = embedded.get(f.bytes);
    if (!font) {
      // Named as a subset is (a tag of six capitals and +), the tag from the font's bytes:
      // pdf-lib's own name ends in a random number, and a copy must be the same bytes each time.
      const digest = createHash('sha256').update(f.bytes).digest();
      const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
      font = await doc.embedFont(f.bytes, { subset: false, customName: `${tag}+NotoSerifSC-Regular` });
      embedded.set(f.bytes, font);
    }
    return font;
  };
  /** Runs drawn one after another from x, as an Artifact; `invisible` uses text render mode 3. */
  const draw = async (page: PDFPage, runs: StampFont[], x: number, y: number, size: number, invisible = false) => {
    page.pushOperators(beginMarkedContent('Artifact'), pushGraphicsState());
    if (invisible) page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
    for (const run of runs) {
      const font = await fontOf(run);
      page.drawText(run.text, { x, y, size, font });
      x += font.widthOfTextAtSize(run.text, size);
    }
    page.pushOperators(popGraphicsState(), endMarkedContent());
  };
  const pages = doc.getPages();
  await draw(pages[s.slot.page - 1], fonts.serial, s.slot.x, s.slot.y, SERIAL_SIZE);
  if (s.showRecipient) {
    // Under the text block of the last page, on the side its folio is not: odd pages carry
    // theirs at the right, even pages at the left (GB/T 9704 §7.5).
    const last = pages[pages.length - 1];
    const size = 10.5;
    let width = 0;
    for (const run of fonts.recipient) width += (await fontOf(run)).widthOfTextAtSize(run.text, size);
    const x = pages.length % 2 === 1 ? 28 * MM : 184 * MM - width;
    await draw(last, fonts.recipient, x, 20 * MM, size);
  }
  for (const page of pages) await draw(page, fonts.trace, 28 * MM, 8 * MM, 6, true);
  const id = PDFHexString.of(createHash('sha256').update(s.idSeed).digest('hex').slice(0, 32).toUpperCase());
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}
