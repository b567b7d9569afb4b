import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against the BUILT app served by `engraft serve`.
// Run `npm run build` first (`npm test` does).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
  },
});
