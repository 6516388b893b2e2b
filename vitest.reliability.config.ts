import { defineConfig } from 'vitest/config';

/**
 * The reliability suite (`npm run test:reliability`): each scenario file starts its own processes
 * (dev server, worker processes, gateway, peers), so files run one after another.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/reliability/globalSetup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
