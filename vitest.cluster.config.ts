import { defineConfig } from 'vitest/config';
import { temporalProductionAvailable } from './dev/temporal-production.js';
import { postgresReachable, MACHINE_POSTGRES_URL } from './test/cluster/support/postgres.js';

/**
 * The cluster suite (`npm run test:cluster`): the production topology, Temporal's own server on
 * PostgreSQL with worker and gateway replicas, each scenario file its own processes and databases,
 * so files run one after another. It needs the server built (`npm run temporal:server`) and a
 * PostgreSQL server; without either it is skipped with one line saying why.
 */
process.env.PR_FIGURES_SUITE = 'cluster';

export default defineConfig(async () => {
  const missing = !temporalProductionAvailable()
    ? 'the production Temporal server is not built (run `npm run temporal:server`; it needs Go)'
    : !(await postgresReachable())
      ? `no PostgreSQL answers at ${MACHINE_POSTGRES_URL.replace(/\/\/[^@]*@/, '//')} (set PR_TEST_POSTGRES_URL)`
      : undefined;
  if (missing) console.log(`Cluster suite skipped: ${missing}.`);
  return {
    test: {
      include: missing ? [] : ['test/cluster/**/*.test.ts'],
      passWithNoTests: true,
      globalSetup: missing ? [] : ['test/cluster/globalSetup.ts'],
      pool: 'forks',
      fileParallelism: false,
      testTimeout: 300_000,
      hookTimeout: 180_000,
    },
  };
});
