/**
 * The worker: runs the programme workflows and their activities on the `prepared-return` task queue.
 * Used by the worker process (`worker/main.ts`), the local stack and the integration tests alike,
 * so tests exercise exactly what production runs.
 */
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
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
  /** Each cached programme costs memory; bound it explicitly. */
  maxCachedWorkflows?: number;
  identity?: string;
}

export async function createProgrammeWorker(options: ProgrammeWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    dataConverter: options.dataConverter,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    activities: options.activities ?? {},
    maxCachedWorkflows: options.maxCachedWorkflows ?? 1000,
    ...(options.identity ? { identity: options.identity } : {}),
  });
}
