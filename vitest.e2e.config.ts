import { defineConfig } from 'vitest/config';

// Suites that need a Docker engine and real servers: test/e2e/global-setup.ts starts the engine, builds the
// stand-in base images (cached in the engine) and starts the private registry.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
