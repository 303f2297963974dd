/**
 * Whether an image a submission names can be printed: a regular file whose real path lies in
 * the workspace (a link to /etc/passwd, to a picture outside or to / is refused, never followed
 * into a file:// URL), of a size and pixel count Chromium decodes. The file edge of image
 * checking; render/document.ts says what each answer means to the expert.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isInside } from './inside.js';
import { readRegularSync } from './read-regular.js';

// image-size is loaded on the first image measured (its CommonJS build, so that checking stays
// synchronous): every command reads a workspace, most of which name no image, and loading it
// was 15 ms of each start.
const require = createRequire(import.meta.url);
let imageSize: typeof import('image-size').imageSize | undefined;

export type AssetProblem = 'missing' | 'outside' | 'not-regular' | 'too-large' | 'too-many-pixels';

/** An image file past this is a scan at the wrong setting, not a figure. */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
/**
 * Chromium does not decode an image past about 2^28 bytes of pixels, and prints a broken icon
 * instead (a 30000×30000 PNG did); a page of A4 at 600 dpi is 35 million pixels.
 */
export const MAX_IMAGE_PIXELS = 60_000_000;

/** A checker for one workspace, remembering each answer for as long as it lives (one run or one rebuild). */
export function assetChecker(root: string): (rel: string) => AssetProblem | undefined {
  const seen = new Map<string, AssetProblem | undefined>();
  let realRoot: string | undefined;
  return (rel) => {
    if (seen.has(rel)) return seen.get(rel);
    realRoot ??= realpathSync(root);
    const answer = check(realRoot, path.join(root, rel));
    seen.set(rel, answer);
    return answer;
  };
}

function check(realRoot: string, abs: string): AssetProblem | undefined {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    // Missing, unless a link on the way already leads out (assets/root -> / then root/etc/x.png).
    for (let dir = path.dirname(abs); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      try {
        const realDir = realpathSync(dir);
        return realDir === realRoot || isInside(realRoot, realDir) ? 'missing' : 'outside';
      } catch {
        // go up
      }
    }
    return 'missing';
  }
  if (!isInside(realRoot, real)) return 'outside';
  const read = readRegularSync(real, { maxBytes: MAX_IMAGE_BYTES });
  if (!('bytes' in read)) return read.problem === 'symlink' ? 'outside' : read.problem === 'unreadable' ? 'not-regular' : read.problem;
  if (real.toLowerCase().endsWith('.svg')) return undefined;
  try {
    imageSize ??= (require('image-size') as typeof import('image-size')).imageSize;
    const { width, height } = imageSize(read.bytes);
    if (width && height && width * height > MAX_IMAGE_PIXELS) return 'too-many-pixels';
  } catch {
    // Not an image its name says it is: Chromium decides, and reports a failed load.
  }
  return undefined;
}
