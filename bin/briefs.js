#!/usr/bin/env node
// Thin on purpose: everything lives in lib/ (compiled from src/, and bundled into lib/bundle/ for
// a faster start, see scripts/bundle.mjs), so tests can call run() directly.
import v8 from 'node:v8';

// Each printed issue passes through the process as a PDF parsed and written again: hundreds of
// megabytes of short-lived objects over a batch, about 25 MB alive at any time. V8 lets the old
// generation grow to four times what is alive before collecting it, so the process's peak rose
// with the length of the batch (160 MB at 50 issues, 200 MB at 200). Growing it by a quarter
// keeps the peak near 140 MB at 50 issues and at 200, for a few per cent more collector time.
// A flag V8 reads at each collection, so it takes effect when set here, after start-up.
v8.setFlagsFromString('--heap-growing-percent=25');

const { run } = await import('../lib/bundle/cli.js');
process.exitCode = await run(process.argv.slice(2));
