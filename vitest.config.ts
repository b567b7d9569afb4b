import { defineConfig } from 'vitest/config';

// Unit and API tests. Browser tests live in e2e/ with their own config (they need a build first).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['packages/server/src/testing/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
