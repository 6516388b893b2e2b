/**
 * The benchmark's worker process: the production programme worker (the same factory, workflow
 * bundle, activities and data converter as `npm run worker`) and, on a task queue of its own, the
 * baseline workflow with Temporal's default converter. Configured like the real worker from the
 * environment; the benchmark's own settings come as one JSON argument.
 *
 * Over the IPC channel the benchmark asks for the process's memory (after a full collection) and
 * each worker's status, so it can tell when workflows are parked in the cache without asking the server.
 */
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { activityDepsFromEnv } from '../activities/config.js';
import { createActivities } from '../activities/index.js';
import { dataConverterFromEnv } from '../codec/dataConverter.js';
import { openWorkerConnection } from '../temporal/connection.js';
import { loadTemporalProfile } from '../temporal/profile.js';
import { createProgrammeWorker } from '../worker/worker.js';
import type { WorkerReport, WorkerRequest, WorkerSettings } from './workerProtocol.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
Runtime.install({ logger: new DefaultLogger('WARN') });

const temporal = loadTemporalProfile(process.env);
const deps = activityDepsFromEnv(process.env);
const connection = await openWorkerConnection(temporal);
const programmes = await createProgrammeWorker({
  connection,
  namespace: temporal.namespace,
  dataConverter: dataConverterFromEnv(process.env, temporal.namespace),
  taskQueue: settings.programmeQueue,
  workflowBundle: { codePath: settings.programmeBundle },
  activities: createActivities(deps),
  maxCachedWorkflows: settings.programmeCache ?? settings.maxCachedWorkflows,
});
const baselines = await Worker.create({
  connection,
  namespace: temporal.namespace,
  taskQueue: settings.baselineQueue,
  workflowBundle: { codePath: settings.baselineBundle },
  maxCachedWorkflows: settings.maxCachedWorkflows,
});

process.on('message', (request: WorkerRequest) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (request.type === 'memory') {
    gc?.();
    gc?.();
  }
  const status = (worker: Worker) => {
    const s = worker.getStatus();
    return { cached: s.numCachedWorkflows, activations: s.numInFlightWorkflowActivations, activities: s.numInFlightActivities };
  };
  const report: WorkerReport = { id: request.id, memory: process.memoryUsage(), programmes: status(programmes), baselines: status(baselines) };
  process.send?.(report);
});
// The parent going away (IPC closed) stops the workers; SIGTERM does too (the SDK's own handler).
process.on('disconnect', () => {
  programmes.shutdown();
  baselines.shutdown();
});

process.send?.({ ready: true });
try {
  await Promise.all([programmes.run(), baselines.run()]);
} finally {
  deps.mailer.close();
  await connection.close();
  // The IPC channel would keep the process alive.
  process.disconnect?.();
}
