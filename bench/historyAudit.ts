/**
 * What a completed programme leaves on the server: events, bytes and its largest payload, from the
 * histories of programmes the throughput phases completed; and how long replaying one takes with the
 * production bundle and data converter (Worker.runReplayHistories), which is what a worker pays to
 * bring a programme back into its cache and what every replay test pays.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { encodedSize, EventType, largestPayloadBytes, type History } from './history.js';
import { inParallel } from './parallel.js';
import type { Stack } from './stack.js';
import { mean, median } from './stats.js';

export interface AuditFigures {
  programmes: number;
  eventsMean: number;
  eventsMax: number;
  kbMean: number;
  kbMax: number;
  largestPayloadKb: number;
  /** Workflow tasks per history: replay pays for each. */
  workflowTasksMean: number;
  replay: ReplayFigures;
  /** The baseline's histories replayed the same way (its own bundle, Temporal's default converter): the floor. */
  baselineReplay?: ReplayFigures;
}

export interface ReplayFigures {
  histories: number;
  msPerHistoryMedian: number;
  msPerHistoryMean: number;
  /** The first history's time, which also pays for creating the replay worker. */
  replayWorkerStartMs: number;
  nondeterminism: number;
}

export async function auditHistories(stack: Stack, handles: WorkflowHandle[], baselines: WorkflowHandle[], count: number): Promise<AuditFigures> {
  const histories = await fetchHistories(handles.slice(-count));
  const events = histories.map((h) => h.history.events?.length ?? 0);
  const sizes = histories.map((h) => encodedSize(h.history) / 1024);
  const payloads = histories.map((h) => largestPayloadBytes(h.history) / 1024);
  const tasks = histories.map((h) => (h.history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).length);

  const replay = await replayTimes({ workflowBundle: { codePath: stack.bundles.programme }, dataConverter: stack.dataConverter }, histories);
  const baselineReplay = baselines.length
    ? await replayTimes({ workflowBundle: { codePath: stack.bundles.baseline } }, await fetchHistories(baselines.slice(-count)))
    : undefined;
  return {
    programmes: histories.length,
    eventsMean: mean(events),
    eventsMax: Math.max(...events),
    kbMean: mean(sizes),
    kbMax: Math.max(...sizes),
    largestPayloadKb: Math.max(...payloads),
    workflowTasksMean: mean(tasks),
    replay,
    ...(baselineReplay ? { baselineReplay } : {}),
  };
}

async function fetchHistories(handles: WorkflowHandle[]): Promise<Array<{ workflowId: string; history: History }>> {
  const histories: Array<{ workflowId: string; history: History }> = [];
  await inParallel(handles.length, 8, async (i) => {
    const handle = handles[i]!;
    histories.push({ workflowId: handle.workflowId, history: await handle.fetchHistory() });
  });
  return histories;
}

/** Each history replays on its own, one after the other; the first result also pays for creating the replay worker. */
async function replayTimes(options: ReplayWorkerOptions, histories: Array<{ workflowId: string; history: History }>): Promise<ReplayFigures> {
  const times: number[] = [];
  let nondeterminism = 0;
  let last = performance.now();
  for await (const result of Worker.runReplayHistories(options, histories)) {
    const now = performance.now();
    times.push(now - last);
    last = now;
    if (result.error) nondeterminism += 1;
  }
  const perHistory = times.slice(1);
  return {
    histories: times.length,
    msPerHistoryMedian: median(perHistory),
    msPerHistoryMean: mean(perHistory),
    replayWorkerStartMs: times[0] ?? Number.NaN,
    nondeterminism,
  };
}
