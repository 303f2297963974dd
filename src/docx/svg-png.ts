/**
 * An SVG figure for the Word edition: Word 2016 and later show the SVG itself, older offices
 * (and LibreOffice 7) the PNG beside it, which resvg draws here: no browser, the same pixels
 * for the same file. A submission's SVG is untrusted: one that refers to anything outside itself
 * (an image or a stylesheet by address, a file) is not drawn, as the print's <img> would not
 * load it either; its text is set in the fallback faces (fonts/fallback.ts), never the
 * machine's. Pure but for the fallback faces read from disk.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { fallbackFiles } from '../fonts/fallback.js';

/** href="#id" and embedded images are the SVG's own; anything else reaches out. */
const OUTSIDE = /\b(?:xlink:)?href\s*=\s*["'](?!#|data:image\/(?:png|jpeg|gif|webp);)|@import|url\(\s*["']?(?!#|data:)/i;

/** The PNG of `svg` drawn `width` pixels wide, or undefined when it cannot (or must not) be drawn. */
export function svgToPng(svg: Uint8Array, width: number): Uint8Array | undefined {
  const text = Buffer.from(svg).toString('utf8');
  if (OUTSIDE.test(text)) return undefined;
  try {
    // Text only when the figure has some: the fallback faces are tens of megabytes to load.
    const fontFiles = /<text\b/i.test(text) ? fallbackFiles().filter((f) => existsSync(f)) : [];
    const r = new Resvg(Buffer.from(svg), {
      fitTo: { mode: 'width', value: Math.round(width) },
      background: '#ffffff',
      font: { loadSystemFonts: false, fontFiles, ...(fontFiles.length ? {} : { defaultFontFamily: 'serif' }) },
    });
    return new Uint8Array(r.render().asPng());
  } catch {
    return undefined;
  }
}
