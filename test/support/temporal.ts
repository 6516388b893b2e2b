/**
 * Test support: a client and native connection to the run's shared dev server, a workflow bundle
 * built once per test file, and a unique task queue per test so tests never steal each other's tasks.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { dataConverterFromEnv } from '../../codec/dataConverter.js';
import { createLedgerActivities } from '../../activities/ledger.js';
import { createProgrammeWorker } from '../../worker/worker.js';
import { runStore } from './database.js';

// Worker state changes are noise in test output; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this process
}

/** The real workflow code, bundled once for the whole run by the global setup. */
export function programmeBundle(): { codePath: string } {
  return { codePath: inject('workflowBundlePath') };
}

/** What a process of the run is given to encrypt and decrypt: the run's key ring, and its database for the case secrets. */
export function runCodecEnv(): Record<string, string> {
  return { PR_CODEC_KEYS_FILE: inject('codecKeysFile'), DATABASE_URL: inject('databaseUrl'), PR_PSEUDONYM_KEY: inject('pseudonymKey') };
}

/** The production data converter with the run's generated keys: tests see exactly what production encrypts. */
export function testDataConverter(): DataConverter {
  return dataConverterFromEnv(runCodecEnv(), inject('temporalNamespace'));
}

export async function connectToTestServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({
    address: inject('temporalAddress'),
    namespace: inject('temporalNamespace'),
    client: { dataConverter: testDataConverter() },
  });
}

export function uniqueTaskQueue(name: string): string {
  return `test-${name}-${randomUUID().slice(0, 8)}`;
}

export function uniqueCaseRef(prefix = 'TST'): string {
  return `${prefix}-2026-${Math.floor(100000 + Math.random() * 899999)}`;
}

/**
 * Runs the real programme worker on `taskQueue` while `fn` runs, then shuts it down. Without other
 * activities it still writes the ledger (to the run's database): a programme cannot close without.
 */
export async function withProgrammeWorker<T>(
  taskQueue: string,
  fn: (worker: Worker) => Promise<T>,
  activities: object = createLedgerActivities(runStore()),
): Promise<T> {
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  try {
    const worker = await createProgrammeWorker({
      connection,
      namespace: inject('temporalNamespace'),
      dataConverter: testDataConverter(),
      taskQueue,
      workflowBundle: programmeBundle(),
      activities,
    });
    return await worker.runUntil(fn(worker));
  } finally {
    await connection.close();
  }
}
