import { defineConfig } from 'vitest/config';

// Suites that need a Docker engine (test/e2e/start-dockerd.sh starts one).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
