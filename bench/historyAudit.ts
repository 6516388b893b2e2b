/**
 * What a completed programme leaves on the server: events, bytes and its largest payload, from the
 * histories of programmes the throughput phases completed; and how long replaying one takes with the
 * production bundle and data converter (Worker.runReplayHistories), which is what a worker pays to
 * bring a programme back into its cache and what every replay test pays. And what a whole programme
 * costs the default worker, which caches nothing and so replays the history so far at every task:
 * the sum, over a programme's tasks, of replaying its history up to each.
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
  /** A whole programme at the default worker: its history up to each of its tasks replayed, summed (ms; median over the programmes). */
  wholeProgrammeAtDefaultMs: number;
  wholeProgrammeHistories: number;
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
  const whole = await wholeProgrammeTimes({ workflowBundle: { codePath: stack.bundles.programme }, dataConverter: stack.dataConverter }, histories.slice(0, 5));
  return {
    wholeProgrammeAtDefaultMs: median(whole),
    wholeProgrammeHistories: whole.length,
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

/**
 * For each history, its prefixes up to each workflow task's start (what the default worker receives
 * at that task) replayed one after the other, their times summed. The replay worker is made first,
 * on a history of its own, so that no programme pays for it.
 */
async function wholeProgrammeTimes(options: ReplayWorkerOptions, histories: Array<{ workflowId: string; history: History }>): Promise<number[]> {
  if (histories.length === 0) return [];
  const prefixes = histories.flatMap(({ workflowId, history }, programme) => {
    const events = history.events ?? [];
    const starts = events.flatMap((e, i) => (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED ? [i] : []));
    return starts.map((end, task) => ({ programme, workflowId: `${workflowId}-task-${task + 1}`, history: { ...history, events: events.slice(0, end + 1) } }));
  });
  const sums = histories.map(() => 0);
  let last = performance.now();
  let first = true;
  for await (const result of Worker.runReplayHistories(options, [histories[0]!, ...prefixes])) {
    const now = performance.now();
    if (!first) {
      const prefix = prefixes.find((p) => p.workflowId === result.workflowId);
      if (prefix) sums[prefix.programme]! += now - last;
    }
    first = false;
    last = now;
  }
  return sums;
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
