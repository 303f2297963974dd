/**
 * Whether a run will probably print: a file of the workspace is newer than the manifest the
 * last run wrote. Only a hint, read in a few milliseconds before the workspace is parsed, so the
 * browser can start while it is (BrowserPool.warm); the fingerprints decide what is printed. A
 * run with nothing changed starts no browser.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { MANIFEST } from './manifest.js';

/** `outputs`: files made from the issues' PDFs (a volume): missing or older than the manifest, they will be made. */
export function likelyChanged(config: Config, outDir: string, outputs: readonly string[] = []): boolean {
  let since: number;
  try {
    since = statSync(path.join(outDir, MANIFEST)).mtimeMs;
  } catch {
    return true;
  }
  for (const file of outputs) {
    try {
      if (statSync(file).mtimeMs < since) return true;
    } catch {
      return true;
    }
  }
  const newer = (file: string) => {
    try {
      return statSync(file).mtimeMs > since;
    } catch {
      return false;
    }
  };
  if (config.file && newer(config.file)) return true;
  for (const dir of [config.submissions, config.issues, config.templates, config.assets]) {
    const root = path.resolve(config.root, dir);
    let names: string[];
    try {
      names = readdirSync(root, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    // A folder's own time changes when a file in it is added, removed or renamed over.
    if (newer(root) || names.some((n) => newer(path.join(root, n)))) return true;
  }
  return false;
}
