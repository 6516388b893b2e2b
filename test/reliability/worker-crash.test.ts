/**
 * Scenario 1: a worker process is killed with SIGKILL while activities are in flight (the partner's
 * API holds its answers); a second worker process takes over, and the first one is started again.
 * Every programme, event and notification must come through once.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { useScenario } from './support/scenario.js';

const scenario = useScenario('1-worker-kill');

describe('a worker process killed in the middle of activities', () => {
  it('loses and duplicates nothing when another worker takes over', async () => {
    const s = await scenario.begin({ queue: 'kill', programmes: 12, budgetMs: 240_000 });
    const first = scenario.workers[0]!;
    // Partner answers take a while, so referral requests are on the wire when the worker dies.
    s.partners.delayMs = 1500;
    const driving = scenario.drive();

    const waitStarted = Date.now();
    while (s.partners.inFlight < 3 && Date.now() - waitStarted < 60_000) await sleep(50);
    const inFlightAtKill = s.partners.inFlight;
    await first.stop('SIGKILL');
    expect(inFlightAtKill, 'partner requests in flight when the worker was killed').toBeGreaterThan(0);
    expect(first.exited?.signal).toBe('SIGKILL');
    expect(first.isGone(), 'the killed worker process is gone').toBe(true);
    s.partners.delayMs = 200;

    await s.startWorker(scenario.taskQueue);
    await sleep(5_000);
    await s.startWorker(scenario.taskQueue); // the first worker, started again

    const errors = await driving;
    await scenario.checkFigures(`SIGKILL with ${inFlightAtKill} partner requests in flight`, errors);
  });
});
