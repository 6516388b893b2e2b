/**
 * Parks idle workflows: programmes opened and left in their reflection period, baselines started and
 * left waiting for their signal. Done means the worker holds them all in its cache with nothing left
 * to run, which the worker process reports itself: the server's visibility is never asked.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { openProgramme } from '../client/openProgramme.js';
import { startBaseline } from './baselineRun.js';
import { inParallel, sleep } from './parallel.js';
import { programmeInput } from './programmeInput.js';
import { QUEUES, type Stack } from './stack.js';
import type { CacheStatus } from './workerProtocol.js';

export type Kind = 'programme' | 'baseline';

/** Starts `count` more idle workflows of `kind`; resolves with their handles once the worker has settled. */
export async function park(stack: Stack, kind: Kind, count: number, nextId: () => string): Promise<WorkflowHandle[]> {
  const handles: WorkflowHandle[] = [];
  const before = await cacheOf(stack, kind);
  await inParallel(count, 16, async () => {
    const id = nextId();
    const handle =
      kind === 'programme'
        ? (await openProgramme(stack.programmes, programmeInput(id), { taskQueue: QUEUES.programmes })).handle
        : await startBaseline(stack.baselines, id);
    handles.push(handle);
  });
  // Without a cache (BENCH_PROGRAMME_CACHE=0) nothing stays in it: done is when nothing runs.
  const limit = kind === 'programme' ? stack.programmeCache : Number.POSITIVE_INFINITY;
  await settled(stack, kind, Math.min(before.cached + count, limit));
  return handles;
}

export async function cacheOf(stack: Stack, kind: Kind): Promise<CacheStatus> {
  const report = await stack.worker.report('status');
  return kind === 'programme' ? report.programmes : report.baselines;
}

/** Waits until `kind`'s cache holds `cached` workflows and no activation or activity is running. */
export async function settled(stack: Stack, kind: Kind, cached: number, timeoutMs = 300_000): Promise<void> {
  const started = Date.now();
  let quietSince: number | undefined;
  for (;;) {
    const status = await cacheOf(stack, kind);
    const quiet = status.cached >= cached && status.activations === 0 && status.activities === 0;
    quietSince = quiet ? (quietSince ?? Date.now()) : undefined;
    // Half a second without work: the last task's completion has reached the server.
    if (quietSince !== undefined && Date.now() - quietSince >= 500) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${kind}s did not settle: ${JSON.stringify(status)}, expected ${cached} cached`);
    await sleep(200);
  }
}
