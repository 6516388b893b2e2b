/**
 * Scenario 6: two worker processes share the task queue under load, and one of them, chosen at
 * random, is killed with SIGKILL again and again (a replacement is started each time, as an
 * orchestrator would). Programmes move between workers mid-flight; nothing may be lost or doubled.
 */
import { describe, expect, it } from 'vitest';
import { sleep, type Child } from '../../dev/childProcess.js';
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
    // A replacement starts in the background, as an orchestrator would start it, so the next kill
    // does not wait for it; kills come every 2-5 s, so even a quick run sees several.
    const replacing = new Set<number>();
    const replacements: Promise<void>[] = [];
    while (!finished && kills.length < 4) {
      await sleep(2_000 + Math.random() * 3_000);
      if (finished) break;
      const running = workers.map((_, i) => i).filter((i) => !replacing.has(i));
      if (running.length === 0) continue;
      const index = running[Math.floor(Math.random() * running.length)]!;
      const victim = workers[index]!;
      const inFlight = s.partners.inFlight;
      await victim.stop('SIGKILL');
      expect(victim.exited?.signal).toBe('SIGKILL');
      expect(victim.isGone(), 'the killed worker process is gone').toBe(true);
      kills.push(inFlight);
      replacing.add(index);
      replacements.push(
        s.startWorker(taskQueue).then((replacement) => {
          workers[index] = replacement;
          replacing.delete(index);
        }),
      );
    }
    await Promise.all(replacements);

    const errors = await driving;
    await checkFigures(s, SCENARIO, `${kills.length} random SIGKILLs (partner requests in flight: ${kills.join(', ')})`, runs, startedAt, errors);
    expect(kills.length, 'workers killed').toBeGreaterThanOrEqual(2);
  });
});
