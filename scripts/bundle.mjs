// npm run build's second step: the command-line program as a few modules in lib/bundle/, made
// from the modules tsc wrote to lib/ and the packages they use. Node 20 resolves, reads and
// compiles each module on its own: a rerun with nothing to do loaded about 80 of ours (40–50 ms
// of its 0.28 s), and a run that prints loaded about 700 files of its packages (puppeteer,
// pdf-lib, Handlebars, sanitize-html with postcss, gray-matter with js-yaml, yaml): 0.4 s of the
// Node process's CPU in a one-change run, on a 2-core machine where Chromium needs the other
// core to start. What a command loads on demand (rendering, printing, the volume, copies, Word,
// preview) stays in chunks of its own, so that no command loads more than it did.
//
// Left outside, loaded by Node from node_modules as before: subset-font and fontverter, whose
// WebAssembly is found beside their own code at run time, and @node-rs/jieba, a native module
// with its dictionary beside it. The shipped faces' packages are data,
// found with require.resolve. lib/bundle/ sits two folders below the package, as every module
// of lib/ does, so the paths the modules find from their own place (the templates, the parser's
// modules that key the parse cache) are the same from the bundle.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const EXTERNAL = ['subset-font', 'fontverter', '@node-rs/jieba'];
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
