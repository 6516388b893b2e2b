/**
 * Scenario 6: two worker processes share the task queue under load, and one of them, chosen at
 * random, is killed with SIGKILL again and again (a replacement is started each time, as an
 * orchestrator would). Programmes move between workers mid-flight; nothing may be lost or doubled.
 */
import { describe, expect, it } from 'vitest';
import { sleep, type Child } from './support/childProcess.js';
import { SignalChannel } from './support/eventChannels.js';
import { checkFigures, newRuns, settle, taskQueueFor, useStack } from './support/scenario.js';

const SCENARIO = '6-worker-churn';
const stack = useStack(SCENARIO);

describe('two workers sharing the queue, one killed at random again and again', () => {
  it('loses and duplicates nothing', async () => {
    const s = stack();
    const startedAt = Date.now();
    const taskQueue = taskQueueFor('churn');
    const workers: Child[] = await Promise.all([s.startWorker(taskQueue), s.startWorker(taskQueue)]);
    const runs = newRuns(s, taskQueue, 16, 270_000);
    const channel = new SignalChannel();
    s.partners.delayMs = 300;

    let finished = false;
    const driving = settle(runs, async (run) => {
      await run.open();
      await run.runToTheEnd(channel);
    }).finally(() => {
      finished = true;
    });

    const kills: number[] = [];
    while (!finished && kills.length < 3) {
      await sleep(4_000 + Math.random() * 6_000);
      if (finished) break;
      const index = Math.floor(Math.random() * workers.length);
      const victim = workers[index]!;
      const inFlight = s.partners.inFlight;
      await victim.stop('SIGKILL');
      expect(victim.exited?.signal).toBe('SIGKILL');
      expect(victim.isGone(), 'the killed worker process is gone').toBe(true);
      kills.push(inFlight);
      workers[index] = await s.startWorker(taskQueue);
    }

    const errors = await driving;
    expect(kills.length, 'workers killed').toBeGreaterThanOrEqual(2);
    await checkFigures(s, SCENARIO, `${kills.length} random SIGKILLs (partner requests in flight: ${kills.join(', ')})`, runs, startedAt, errors);
  });
});
