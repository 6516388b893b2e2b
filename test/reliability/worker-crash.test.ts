/**
 * Scenario 1: a worker process is killed with SIGKILL while activities are in flight (the partner's
 * API holds its answers); a second worker process takes over, and the first one is started again.
 * Every programme, event and notification must come through once.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { SignalChannel } from './support/eventChannels.js';
import { checkFigures, newRuns, settle, taskQueueFor, useStack } from './support/scenario.js';

const SCENARIO = '1-worker-kill';
const stack = useStack(SCENARIO);

describe('a worker process killed in the middle of activities', () => {
  it('loses and duplicates nothing when another worker takes over', async () => {
    const s = stack();
    const startedAt = Date.now();
    const taskQueue = taskQueueFor('kill');
    const first = await s.startWorker(taskQueue);
    const runs = newRuns(s, taskQueue, 12, 240_000);
    const channel = new SignalChannel();
    // Partner answers take a while, so referral requests are on the wire when the worker dies.
    s.partners.delayMs = 1500;

    const driving = settle(runs, async (run) => {
      await run.open();
      await run.runToTheEnd(channel);
    });

    const waitStarted = Date.now();
    while (s.partners.inFlight < 3 && Date.now() - waitStarted < 60_000) await sleep(50);
    const inFlightAtKill = s.partners.inFlight;
    await first.stop('SIGKILL');
    expect(inFlightAtKill, 'partner requests in flight when the worker was killed').toBeGreaterThan(0);
    expect(first.exited?.signal).toBe('SIGKILL');
    expect(first.isGone(), 'the killed worker process is gone').toBe(true);
    s.partners.delayMs = 200;

    await s.startWorker(taskQueue);
    await sleep(5_000);
    await s.startWorker(taskQueue); // the first worker, started again

    const errors = await driving;
    await checkFigures(s, SCENARIO, `SIGKILL with ${inFlightAtKill} partner requests in flight`, runs, startedAt, errors);
  });
});
