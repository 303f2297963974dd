#!/usr/bin/env node
// Thin on purpose: everything lives in lib/ (compiled from src/, and bundled into lib/bundle/ for
// a faster start, see scripts/bundle.mjs), so tests can call run() directly.
const { run } = await import('../lib/bundle/cli.js');
process.exitCode = await run(process.argv.slice(2));
