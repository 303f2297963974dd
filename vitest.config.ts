import { defineConfig } from 'vitest/config';

/**
 * Two projects. unit: pure logic, run from the source, no browser. e2e: the command-line program
 * as users run it (bin/briefs.js → lib/bundle, built from src/), with real Chromium; its global
 * setup rebuilds lib/ when any source is newer than the bundle, so an e2e run always tests the
 * code as it is, and prints the sample once for the tests that read it.
 */
export default defineConfig({
  test: {
    // Browser tests print real PDFs; a cold Chromium on 2 cores needs more than the default 5 s.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Two files at a time. vitest's default is one fewer than the cores, one on this 2-core
    // machine, which left the processor idle while a file waited on Chromium or a timeout
    // (the suite used 45 % of it).
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
