/**
 * Scenario 2: the Temporal server is killed mid-run and started again on its SQLite file, while
 * programmes wait on timers, signals are on their way and caseworker commands are being sent. The
 * worker process stays up and reconnects; the clients send again what failed. Nothing may be lost.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { useScenario } from './support/scenario.js';
import { refusesConnections } from './support/temporalServer.js';

const scenario = useScenario('2-server-restart');

describe('the Temporal server stopped and started again on its SQLite file', () => {
  it('keeps every programme, event and notification', async () => {
    const s = await scenario.begin({ queue: 'server', programmes: 12, budgetMs: 240_000 });
    const worker = scenario.workers[0]!;
    const driving = scenario.drive();

    // Strike when programmes are spread over the stages: some in follow-up (timers), some before.
    await scenario.until('departed', 4, 90_000);
    const spread = JSON.stringify(Object.fromEntries(scenario.reached));
    expect(scenario.reached.get('departed') ?? 0, 'programmes in follow-up when the server stopped').toBeGreaterThan(0);
    await s.server.stop('SIGKILL');
    expect(s.server.process?.exited?.signal).toBe('SIGKILL');
    expect(await refusesConnections(Number(s.server.address.split(':')[1])), 'the server port refuses connections').toBe(true);
    await sleep(6_000);
    await s.server.start();

    const errors = await driving;
    expect(worker.exited, 'the worker process survived the outage').toBeUndefined();
    await scenario.checkFigures(`server SIGKILL for 6 s; stages reached at the time ${spread}`, errors);
  });
});
