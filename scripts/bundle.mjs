// npm run build's second step: the command-line program as a few modules in lib/bundle/, made
// from the modules tsc wrote to lib/ and the packages they use. Node 20 resolves, reads and
// compiles each module on its own: a rerun with nothing to do loaded about 80 of ours (40–50 ms
// of its 0.28 s), and a run that prints loaded about 700 files of its packages (puppeteer,
// pdf-lib, Handlebars, sanitize-html with postcss, gray-matter with js-yaml, yaml): 0.4 s of the
// Node process's CPU in a one-change run, on a 2-core machine where Chromium needs the other
// core to start. What a command loads on demand (rendering, printing, the volume, copies, Word,
// preview) stays in chunks of its own, so that no command loads more than it did.
//
// What the bundle holds is in it: those packages are development dependencies, and an install
// of briefs carries the bundle, not them (52 MB in all instead of 350). The dependencies are what
// is loaded by name at run time: yaml and image-size (through createRequire, on demand), and
// what is left outside below.
//
// Left outside, loaded by Node from node_modules as before: subset-font and fontverter, whose
// WebAssembly is found beside their own code at run time, and @node-rs/jieba and @resvg/resvg-js,
// native modules (jieba's dictionary beside it; resvg's binary in a package for the platform). The shipped faces' packages are data,
// found with require.resolve. lib/bundle/ sits two folders below the package, as every module
// of lib/ does, so the paths the modules find from their own place (the templates, the parser's
// modules that key the parse cache) are the same from the bundle.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const EXTERNAL = ['subset-font', 'fontverter', '@node-rs/jieba', '@resvg/resvg-js', 'pagefind'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'lib/bundle');
// Chunks are named by their hash: a stale one from an earlier build must not be left beside them.
rmSync(out, { recursive: true, force: true });
await build({
  input: { cli: path.join(root, 'lib/cli/index.js') },
  external: (id) => id.startsWith('node:') || EXTERNAL.some((p) => id === p || id.startsWith(`${p}/`)),
  platform: 'node',
  logLevel: 'warn',
  onLog(level, log, handler) {
    // gray-matter's JavaScript engine evals front matter; briefs replaces it with one that
    // refuses (content/front-matter.ts), so the eval is never reached.
    if (log.code === 'EVAL' && log.id?.includes('gray-matter')) return;
    handler(level, log);
  },
  output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});

// The shipped faces: the files briefs uses (the weights src/fonts/css.ts names, woff2 only, and
// each package's licence and package.json, whose version keys the fingerprints) are copied from
// their npm packages, which are development dependencies, into lib/font-files/, so that an
// install of briefs carries 26 MB of fonts instead of the packages' 193 MB.
const { FONT_PACKAGES, packageCssFile } = await import('../lib/fonts/css.js');
const require = createRequire(import.meta.url);
const fontsOut = path.join(root, 'lib/font-files');
rmSync(fontsOut, { recursive: true, force: true });
for (const [name, { npm, files }] of Object.entries(FONT_PACKAGES)) {
  const from = path.dirname(require.resolve(`${npm}/package.json`));
  const to = path.join(fontsOut, name);
  mkdirSync(path.join(to, 'files'), { recursive: true });
  for (const extra of ['package.json', 'LICENSE', 'OFL.txt'])
    if (existsSync(path.join(from, extra))) copyFileSync(path.join(from, extra), path.join(to, extra));
  for (const css of files) {
    const found = packageCssFile(from, css);
    if (!found) throw new Error(`${npm} has no ${css}`);
    const text = readFileSync(found, 'utf8');
    writeFileSync(path.join(to, path.basename(found)), text);
    for (const [, file] of text.matchAll(/url\(['"]?\.\/files\/([^)'"]+\.woff2)['"]?\)/g))
      copyFileSync(path.join(from, 'files', file), path.join(to, 'files', file));
  }
}

// pdf.js for the long image (src/print/long-image.ts), which Chromium runs to draw the printed
// PDF's pages: its two browser modules and its licence, copied from pdfjs-dist (a development
// dependency, 30 MB of builds for every platform) into lib/pdfjs/.
const pdfjsFrom = path.dirname(require.resolve('pdfjs-dist/package.json'));
const pdfjsOut = path.join(root, 'lib/pdfjs');
rmSync(pdfjsOut, { recursive: true, force: true });
mkdirSync(pdfjsOut, { recursive: true });
for (const file of ['build/pdf.min.mjs', 'build/pdf.worker.min.mjs', 'LICENSE', 'package.json'])
  copyFileSync(path.join(pdfjsFrom, file), path.join(pdfjsOut, path.basename(file)));
