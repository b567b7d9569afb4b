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
    // expect.poll waits up to 1 s by default: too short for a page that re-reads after a write on a loaded
    // 2-core machine. A real failure still fails, after 10 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
