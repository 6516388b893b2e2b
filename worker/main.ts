/**
 * The worker process for deployments (`npm run worker`, the compose file's `worker` service).
 * Configuration comes from the environment (see README); Ctrl-C or SIGTERM drains in-flight tasks.
 */
import { ConfigFileError } from '../activities/configFile.js';
import { activityDepsFromEnv } from '../activities/config.js';
import { createActivities } from '../activities/index.js';
import { loadServiceConfig } from '../domain/config.js';
import { ValidationError } from '../domain/validation.js';
import { openWorkerConnection, TemporalUnreachable } from '../temporal/connection.js';
import { loadTemporalProfile } from '../temporal/profile.js';
import { workerDataConverter } from '../codec/dataConverter.js';
import { migrate } from '../store/migrate.js';
import { loadWorkerConfig } from './config.js';
import { createProgrammeWorker } from './worker.js';
import { installMetrics, loadMetricsConfig } from '../telemetry/metrics.js';
import { reportOpenEscalations } from './escalations.js';
import { installTracing } from '../telemetry/tracing.js';

async function main(): Promise<void> {
  const config = loadServiceConfig(process.env);
  const temporal = loadTemporalProfile(process.env);
  const workerConfig = loadWorkerConfig(process.env);
  // Mail, directories and partner secrets are checked before connecting: a bad entry stops the start.
  const deps = activityDepsFromEnv(process.env);
  // The ledger's schema is brought up to date before any record is written (concurrent starts wait their turn).
  const migrated = await migrate(deps.store.db);
  if (migrated.length) console.log(`database migrated: ${migrated.join(', ')}`);
  const dataConverter = workerDataConverter(process.env, temporal.namespace, deps.store.db);
  const metrics = loadMetricsConfig(process.env);
  const meter = installMetrics(metrics.PR_METRICS_ADDRESS, 'worker');
  const tracing = installTracing(process.env, 'prepared-return-worker');
  if (tracing && workerConfig.PR_WORKFLOW_BUNDLE) {
    // The tracing interceptors must be inside the workflow bundle, which a prebuilt one is not.
    throw new ValidationError('The environment', [{ field: 'PR_WORKFLOW_BUNDLE', problem: 'expected unset while tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT): the workflows are bundled at start with the tracing interceptors' }]);
  }
  const connection = await openWorkerConnection(temporal);
  try {
    const worker = await createProgrammeWorker({
      connection,
      namespace: temporal.namespace,
      dataConverter,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: createActivities(deps),
      ...(workerConfig.PR_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: workerConfig.PR_WORKFLOW_BUNDLE } } : {}),
      maxCachedWorkflows: workerConfig.PR_WORKFLOW_CACHE_SIZE,
      ...(tracing ? { plugins: [tracing.plugin] } : {}),
    });
    console.log(`partner directory: ${deps.partners.partners.length} organisations; staff directory loaded`);
    console.log(`programmes kept in memory between tasks: ${workerConfig.PR_WORKFLOW_CACHE_SIZE}`);
    const stopReporting = meter
      ? reportOpenEscalations({ connection, namespace: temporal.namespace, meter, intervalMs: workerConfig.PR_ESCALATIONS_COUNT_INTERVAL_MS })
      : () => undefined;
    if (metrics.PR_METRICS_ADDRESS) console.log(`metrics on http://${metrics.PR_METRICS_ADDRESS}/metrics`);
    console.log(`worker polling task queue ${config.TEMPORAL_TASK_QUEUE} on ${temporal.address} (namespace ${temporal.namespace})`);
    await worker.run().finally(stopReporting); // the SDK shuts down gracefully on SIGINT and SIGTERM
  } finally {
    deps.mailer.close();
    await tracing?.shutdown();
    await connection.close();
    await deps.store.db.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ValidationError || err instanceof ConfigFileError || err instanceof TemporalUnreachable;
  console.error(known ? err.message : `worker stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
