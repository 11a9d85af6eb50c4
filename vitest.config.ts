import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '.ci/vitest.json' }]],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}', 'test/lint/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/lint/**'],
          // Forked workers inherit the environment that the global setup exports (private
          // D-Bus session, XDG dirs), so no test can reach the developer's keyring or config.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
