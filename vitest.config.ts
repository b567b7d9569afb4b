import { defineConfig } from 'vitest/config';

// Unit and API tests (node), and component tests of the web app (jsdom, HTTP mocked with msw: ADR 0021).
// Browser tests live in e2e/ with their own config (they need a build first).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['packages/server/src/testing/globalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['packages/web/src/testing/setup.ts'],
        },
      },
    ],
  },
});
