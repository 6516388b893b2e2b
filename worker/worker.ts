/**
 * The worker: runs the programme workflows and their activities on the `prepared-return` task queue.
 * Used by the worker process (`worker/main.ts`), the local stack and the integration tests alike,
 * so tests exercise exactly what production runs.
 */
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { refusingUnreadable } from '../codec/unreadableAsRefusal.js';
import { TASK_QUEUE } from '../domain/programme.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface ProgrammeWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** The encrypting converter (`codec/dataConverter.ts`): the same one every client of the programmes uses. */
  dataConverter: DataConverter;
  taskQueue?: string;
  /** A prebuilt bundle (fast start, used by tests that start many workers); bundled from source when absent. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  activities?: object;
  /**
   * Programmes kept in memory between tasks. The default, 0, replays a programme from its history
   * for every task (docs/design.md, "Worker crashes and queries"); a cache is faster but can stall a
   * programme after a worker crash.
   */
  maxCachedWorkflows?: number;
  identity?: string;
  /** E.g. tracing (telemetry/tracing.ts); its workflow interceptors need the workflows bundled at start. */
  plugins?: WorkerOptions['plugins'];
}

export async function createProgrammeWorker(options: ProgrammeWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    // A payload this worker cannot read refuses its message, never the programme's workflow task.
    dataConverter: refusingUnreadable(options.dataConverter),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    activities: options.activities ?? {},
    maxCachedWorkflows: options.maxCachedWorkflows ?? 0,
    // With a cache, a task waiting on the queue of a worker that died moves to the shared queue
    // after 3 s instead of the default 10 s: it narrows, without closing, the window of the race
    // described in docs/design.md ("Worker crashes and queries").
    stickyQueueScheduleToStartTimeout: '3s',
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
}
