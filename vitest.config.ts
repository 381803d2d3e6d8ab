import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every tier: unit and integration tests beside the code (on PGlite, and on
 * PostgreSQL too when DATABASE_URL is set), and the Playwright journeys in e2e/ (skipped,
 * with a clear message, when Chromium is not installed).
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'contracts/src/**/*.test.ts'],
          globalSetup: ['server/src/testing/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'web', include: ['web/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
