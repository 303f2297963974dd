/**
 * A file beside an issue's PDF (the Word edition, the long image, the OFD edition): kept while it
 * is still the bytes the manifest recorded, else made, written whole (writeAtomic) and recorded
 * by its hash. One policy for every edition, so that each file of its own says only how it is made.
 */
import path from 'node:path';
import { writeAtomic } from '../files/write-atomic.js';
import { sha256, stillWritten } from './manifest.js';

export type Edition = 'docx' | 'png' | 'ofd';

/** How the manifest records an edition: its file's name, and the SHA-256 of its bytes. */
export type EditionRecord<K extends Edition> = Record<K | `${K}Sha256`, string>;

export async function besidePdf<K extends Edition>(
  kind: K,
  outDir: string,
  base: string,
  /** What was written before (an issue's manifest entry, the volume's record). */
  recorded: Partial<EditionRecord<K>> | undefined,
  make: () => Promise<Uint8Array>,
): Promise<EditionRecord<K> & { written: boolean }> {
  const record = (name: string, hash: string, written: boolean) =>
    ({ [kind]: name, [`${kind}Sha256`]: hash, written }) as EditionRecord<K> & { written: boolean };
  const hashKey: `${K}Sha256` = `${kind}Sha256`;
  const file = path.join(outDir, `${base}.${kind}`);
  const name = recorded?.[kind];
  const hash = recorded?.[hashKey];
  if (name && hash && (await stillWritten(file, hash))) return record(name, hash, false);
  const bytes = await make();
  await writeAtomic(file, bytes);
  return record(`${base}.${kind}`, sha256(bytes), true);
}
