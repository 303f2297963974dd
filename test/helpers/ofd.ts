/**
 * Reads OFD files with tools briefs did not write: the package unzipped by fflate, each XML part
 * checked by xmllint against a schema, the pages drawn by ofd.js (DLTech21's reader, from the
 * npm registry) in Chromium and their text read with the browser's own XML parser, and the
 * drawings compared with poppler's pictures of the PDF.
 *
 * ofd.js draws each text object as SVG text in a CSS font family it takes from the font's
 * FamilyName, mapped to system families for some names ("LXGW WenKai" becomes 楷体); it never
 * loads a font file from the package. A reader that honours FontFile is what an OFD reader is
 * meant to be, and what government readers (数科, 福昕) do, so this page gives ofd.js the
 * package's own font files: each file is loaded as a family of its own, and each text object
 * drawn by ofd.js is given the family of the font its TextObject names (ofd.js keeps the
 * object's ID as the SVG's z-index). Places, sizes, colours, paths, images and clips stay ofd.js's.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { crc32 } from 'node:zlib';
import type { Browser, Page } from 'puppeteer-core';

const execFileAsync = promisify(execFile);

const require = createRequire(import.meta.url);

export type OfdParts = Record<string, Uint8Array>;

export function ofdParts(file: string): OfdParts {
  return unzipSync(new Uint8Array(readFileSync(file)));
}

/**
 * What is wrong with the package as a zip: each entry, inflated by fflate, against the size and
 * CRC-32 its central directory records (fflate does not check them itself). Empty when all agree.
 */
export function zipProblems(file: string): string[] {
  const zip = readFileSync(file);
  const parts = ofdParts(file);
  const end = zip.length - 22;
  if (zip.readUInt32LE(end) !== 0x06054b50) return ['no end of central directory in the last 22 bytes'];
  const problems: string[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let k = 0; k < zip.readUInt16LE(end + 10); k++) {
    const name = zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28));
    const data = parts[name];
    if (!data) problems.push(`${name}: not read`);
    else if (data.length !== zip.readUInt32LE(at + 24)) problems.push(`${name}: ${data.length} bytes, recorded ${zip.readUInt32LE(at + 24)}`);
    else if (crc32(data) !== zip.readUInt32LE(at + 16))
      problems.push(`${name}: CRC-32 ${crc32(data).toString(16)}, recorded ${zip.readUInt32LE(at + 16).toString(16)}`);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return problems;
}

export const partText = (parts: OfdParts, name: string): string => strFromU8(parts[name]);

/** xmllint's complaints about each XML part of the package against `schema` (empty when all validate). */
export function schemaErrors(parts: OfdParts, schemaFor: (part: string) => string | undefined): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-ofd-parts-'));
  try {
    const errors: string[] = [];
    for (const [name, bytes] of Object.entries(parts)) {
      if (!name.endsWith('.xml')) continue;
      const schema = schemaFor(name);
      if (!schema) continue;
      const file = path.join(dir, name.replaceAll('/', '__'));
      writeFileSync(file, bytes);
      const r = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
      if (r.status !== 0) errors.push(`${name}: ${r.stderr.trim()}`);
    }
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pixels per millimetre the pages are compared at: ofd.js draws at most 5 a millimetre. */
const PX_PER_MM = 4;

/**
 * One page a browser with ofd.js loaded, kept for the browser's life: ofd.js is 2 MB of script,
 * and loading it for every issue was a tenth of the OFD test's time.
 */
const readers = new WeakMap<Browser, Promise<Page>>();
function readerPage(browser: Browser): Promise<Page> {
  let page = readers.get(browser);
  if (!page) {
    page = (async () => {
      const p = await browser.newPage();
      await p.setContent('<!doctype html><html><body style="margin:0;background:#fff"></body></html>');
      await p.addScriptTag({ content: readFileSync(require.resolve('ofd.js/lib/ofd.umd.js'), 'utf8') });
      await p.setViewport({ width: 1000, height: 1400 });
      return p;
    })();
    readers.set(browser, page);
  }
  return page;
}

/** The OFD's pages drawn by ofd.js at PX_PER_MM, as PNGs; and each page's text in the order of its TextCode elements. */
export async function drawOfd(browser: Browser, file: string): Promise<{ pages: Buffer[]; texts: string[] }> {
  const parts = ofdParts(file);
  const fonts: { id: string; data: string }[] = [];
  for (const m of partText(parts, 'Doc_0/PublicRes.xml').matchAll(/<ofd:Font ID="(\d+)"[^>]*><ofd:FontFile>([^<]*)</g))
    fonts.push({ id: m[1], data: Buffer.from(parts[`Doc_0/Res/${m[2]}`]).toString('base64') });
  const fontOf: Record<string, string> = {};
  const contents = Object.keys(parts)
    .filter((n) => /^Doc_0\/Pages\/Page_\d+\/Content\.xml$/.test(n))
    .sort((a, b) => Number(/Page_(\d+)/.exec(a)![1]) - Number(/Page_(\d+)/.exec(b)![1]))
    .map((n) => partText(parts, n));
  for (const xml of contents) for (const m of xml.matchAll(/<ofd:TextObject ID="(\d+)"[^>]*? Font="(\d+)"/g)) fontOf[m[1]] = m[2];
  const page = await readerPage(browser);
  const errors: string[] = [];
  const onError = (e: unknown) => errors.push(String(e));
  page.on('pageerror', onError);
  try {
    const result = await page.evaluate(
      async (ofdData: string, fonts: { id: string; data: string }[], fontOf: Record<string, string>, contents: string[], scale: number) => {
        // The last document's pages and faces go; its font ids would name other files.
        document.body.replaceChildren();
        for (const face of [...document.fonts]) document.fonts.delete(face);
        const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;
        for (const f of fonts) {
          const face = new FontFace(`ofd-font-${f.id}`, bytes(f.data));
          await face.load();
          document.fonts.add(face);
        }
        type Reader = {
          parseOfdDocument(o: { ofd: ArrayBuffer; success(r: unknown): void; fail(e: unknown): void }): void;
          setPageScale(s: number): void;
          renderOfdByScale(r: unknown): HTMLDivElement[];
        };
        const reader = (globalThis as unknown as { ofd: Reader }).ofd;
        const parsed = await new Promise<unknown>((ok, no) => reader.parseOfdDocument({ ofd: bytes(ofdData), success: ok, fail: no }));
        reader.setPageScale(scale);
        const divs = reader.renderOfdByScale(Array.isArray(parsed) ? parsed[0] : parsed);
        for (const d of divs) {
          d.style.marginBottom = '0';
          document.body.appendChild(d);
        }
        for (const svg of document.querySelectorAll('svg')) {
          const font = fontOf[svg.style.zIndex];
          if (font) for (const t of svg.querySelectorAll('text')) t.style.fontFamily = `ofd-font-${font}`;
        }
        await document.fonts.ready;
        // Each page's text as the browser's XML parser reads it: the TextCode elements in order.
        const texts = contents.map((xml) =>
          [...new DOMParser().parseFromString(xml, 'application/xml').getElementsByTagNameNS('http://www.ofdspec.org/2016', 'TextCode')]
            .map((t) => t.textContent ?? '')
            .join(''),
        );
        return { count: divs.length, texts };
      },
      Buffer.from(readFileSync(file)).toString('base64'),
      fonts,
      fontOf,
      contents,
      PX_PER_MM,
    );
    if (errors.length > 0) throw new Error(`ofd.js failed: ${errors.join('; ')}`);
    const divs = await page.$$('body > div');
    const pages: Buffer[] = [];
    // optimizeForSpeed: Chromium's fastest deflate; the pixels are the same.
    for (const d of divs) pages.push(Buffer.from(await d.screenshot({ type: 'png', optimizeForSpeed: true })));
    if (pages.length !== result.count) throw new Error(`ofd.js drew ${result.count} pages, ${pages.length} were found`);
    return { pages, texts: result.texts };
  } finally {
    page.off('pageerror', onError);
  }
}

/** The PDF's pages drawn by poppler at PX_PER_MM. */
export async function drawPdf(file: string): Promise<Buffer[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-ofd-pdf-'));
  try {
    await execFileAsync('pdftoppm', ['-r', String(PX_PER_MM * 25.4), '-png', file, path.join(dir, 'p')]);
    return readdirSync(dir)
      .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]))
      .map((f) => readFileSync(path.join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How far two drawings of a page differ: the share of the page's ink (pixels darker than 160 of
 * 255 in any channel, in either drawing) that is ink in one drawing with no ink within one pixel
 * in the other, counted in each colour channel (black is ink in all three, the masthead's red in
 * green and blue only, so red drawn black differs in red). Two rasterisers draw the same glyph
 * edges a little differently (anti-aliasing, hinting), which the one-pixel allowance absorbs; a
 * glyph, rule or line missing, in another colour, or moved by more than a pixel (a quarter of a
 * millimetre here), is ink with nothing beside it. The worst channel is the page's figure.
 */
export function inkMismatch(a: Buffer, b: Buffer): number {
  const [pa, pb] = [PNG.sync.read(a), PNG.sync.read(b)];
  const w = Math.min(pa.width, pb.width);
  const h = Math.min(pa.height, pb.height);
  // A pixel's ink as three bits, one a channel (red 1, green 2, blue 4), so one pass serves all three.
  const ink = (p: PNG) => {
    const out = new Uint8Array(w * h);
    const d = p.data;
    for (let y = 0; y < h; y++)
      for (let x = 0, j = y * p.width * 4, i = y * w; x < w; x++, j += 4, i++)
        out[i] = (d[j] < 160 ? 1 : 0) | (d[j + 1] < 160 ? 2 : 0) | (d[j + 2] < 160 ? 4 : 0);
    return out;
  };
  // Ink grown by a pixel each way: what "ink within one pixel" asks.
  const grown = (m: Uint8Array) => {
    const rows = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        rows[i] = m[i] | (x > 0 ? m[i - 1] : 0) | (x < w - 1 ? m[i + 1] : 0);
      }
    const out = new Uint8Array(w * h);
    for (let i = 0; i < w * h; i++) out[i] = rows[i] | (i >= w ? rows[i - w] : 0) | (i < w * (h - 1) ? rows[i + w] : 0);
    return out;
  };
  const [ia, ib] = [ink(pa), ink(pb)];
  const [ga, gb] = [grown(ia), grown(ib)];
  let total = 0;
  const missing = [0, 0, 0];
  for (let i = 0; i < w * h; i++) {
    if (ia[i] | ib[i]) total++;
    const lone = (ia[i] & ~gb[i]) | (ib[i] & ~ga[i]);
    if (lone) {
      missing[0] += lone & 1;
      missing[1] += (lone >> 1) & 1;
      missing[2] += lone >> 2;
    }
  }
  const worst = Math.max(...missing);
  return total === 0 ? 0 : worst / total;
}
