import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The reliability and cluster suites start their own processes: `npm run test:reliability`, `npm run test:cluster`.
    exclude: [...configDefaults.exclude, 'test/reliability/**', 'test/cluster/**'],
    // One real Temporal dev server for the whole run; each test file gets its own task queues.
    globalSetup: ['test/globalSetup.ts'],
    setupFiles: ['test/setup.ts'],
    // The Temporal worker's native bridge is not safe in worker threads: use processes.
    pool: 'forks',
    // The tests mostly wait (on Temporal's timers, on peers, on a browser): two files at a time even on
    // two cores, where vitest would run one (cores - 1).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
