/**
 * The .docx bytes of a Word edition, the same for the same input: the zip's file times and the
 * document's created and modified dates are the date (the `docx` package writes the
 * clock), and the parts are zipped again in a fixed order with fixed settings.
 */
import { Packer, type Document } from 'docx';
import { unzipSync, zipSync, strFromU8, strToU8, type Zippable } from 'fflate';

export async function packDocx(doc: Document, date: Date): Promise<Uint8Array> {
  const parts = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = parts['docProps/core.xml'];
  if (core) parts['docProps/core.xml'] = strToU8(strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`));
  // Bookmark ids come from a counter of the process, not of the document: numbered again in order.
  const body = parts['word/document.xml'];
  if (body) {
    const ids = new Map<string, number>();
    parts['word/document.xml'] = strToU8(
      strFromU8(body).replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_, head: string, id: string) => {
        if (!ids.has(id)) ids.set(id, ids.size + 1);
        return `${head}${ids.get(id)}"`;
      }),
    );
  }
  const files: Zippable = {};
  for (const name of Object.keys(parts).sort()) files[name] = [parts[name], { mtime: date, level: 6 }];
  return zipSync(files);
}
