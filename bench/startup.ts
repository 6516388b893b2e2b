/**
 * Worker start: the real `npm run worker` entry (worker/main.ts) given the prebuilt bundle
 * (PR_WORKFLOW_BUNDLE), timed from spawning the process to its first poll. A programme is already
 * waiting on the worker's fresh task queue, so the first poll is answered at once and the server
 * stamps it: the time is the programme's WorkflowTaskStarted event, read from its history. One
 * start that bundles from source is timed the same way, to show what the prebuilt bundle saves.
 */
import { spawn } from 'node:child_process';
import { openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { openProgramme } from '../client/openProgramme.js';
import { eventTimeMs, EventType } from './history.js';
import { sleep } from './parallel.js';
import { caseRefs, programmeInput } from './programmeInput.js';
import type { Stack } from './stack.js';
import { median } from './stats.js';
import { ROOT } from './workerProcess.js';

export interface StartupFigures {
  runs: number;
  /** Spawn → first poll with the prebuilt bundle (median). */
  firstPollMs: number;
  /** Every run's time, in order. */
  firstPollRunsMs: number[];
  /** Spawn → first poll when the worker bundles the workflows itself (one run). */
  firstPollBundlingMs: number;
  bundleKb: number;
}

export async function measureStartup(stack: Stack, runs: number): Promise<StartupFigures> {
  const nextCase = caseRefs('BST');
  const prebuilt: number[] = [];
  for (let i = 1; i <= runs; i++) prebuilt.push(await timeStart(stack, `bench-startup-${i}`, nextCase(), stack.bundles.programme));
  const bundling = await timeStart(stack, 'bench-startup-bundling', nextCase(), undefined);
  return { runs, firstPollMs: median(prebuilt), firstPollRunsMs: prebuilt, firstPollBundlingMs: bundling, bundleKb: statSync(stack.bundles.programme).size / 1024 };
}

async function timeStart(stack: Stack, taskQueue: string, caseRef: string, bundle: string | undefined): Promise<number> {
  const { handle } = await openProgramme(stack.programmes, programmeInput(caseRef), { taskQueue });
  const env = { ...stack.workerEnv(taskQueue), ...(bundle ? { PR_WORKFLOW_BUNDLE: bundle } : {}) };
  const spawnedAt = Date.now();
  const log = openSync(join(stack.logDir, `${taskQueue}.log`), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'worker', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const firstPoll = await firstTaskStarted(handle, 120_000);
    return firstPoll - spawnedAt;
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The server's time of the programme's first WorkflowTaskStarted (its history, read every 50 ms). */
async function firstTaskStarted(handle: WorkflowHandle, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const history = await handle.fetchHistory();
    const event = history.events?.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
    if (event) return eventTimeMs(event);
    await sleep(50);
  }
  throw new Error(`no worker polled ${handle.workflowId}'s task queue within ${timeoutMs / 1000} s`);
}
