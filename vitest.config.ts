import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Browser tests print real PDFs; a cold Chromium on 2 cores needs more than the default 5 s.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // One Chromium-heavy file at a time keeps a 2-core machine responsive and the timings honest.
    fileParallelism: false,
  },
});
