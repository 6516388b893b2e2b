/**
 * Scenario 2: the Temporal server is killed mid-run and started again on its SQLite file, while
 * programmes wait on timers, signals are on their way and caseworker commands are being sent. The
 * worker process stays up and reconnects; the clients send again what failed. Nothing may be lost.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { SignalChannel } from './support/eventChannels.js';
import { checkFigures, newRuns, settle, taskQueueFor, useStack } from './support/scenario.js';
import { refusesConnections } from './support/temporalServer.js';

const SCENARIO = '2-server-restart';
const stack = useStack(SCENARIO);

describe('the Temporal server stopped and started again on its SQLite file', () => {
  it('keeps every programme, event and notification', async () => {
    const s = stack();
    const startedAt = Date.now();
    const taskQueue = taskQueueFor('server');
    const worker = await s.startWorker(taskQueue);
    const runs = newRuns(s, taskQueue, 12, 240_000);
    const channel = new SignalChannel();
    const reached = new Map<string, number>();
    const mark = async (step: string): Promise<void> => void reached.set(step, (reached.get(step) ?? 0) + 1);

    const driving = settle(runs, async (run) => {
      await run.open();
      await run.runToTheEnd(channel, mark);
    });

    // Strike when programmes are spread over the stages: some in follow-up (timers), some before.
    const waitStarted = Date.now();
    while ((reached.get('departed') ?? 0) < 4 && Date.now() - waitStarted < 90_000) await sleep(50);
    const spread = JSON.stringify(Object.fromEntries(reached));
    expect(reached.get('departed') ?? 0, 'programmes in follow-up when the server stopped').toBeGreaterThan(0);
    await s.server.stop('SIGKILL');
    expect(s.server.process?.exited?.signal).toBe('SIGKILL');
    expect(await refusesConnections(Number(s.server.address.split(':')[1])), 'the server port refuses connections').toBe(true);
    await sleep(6_000);
    await s.server.start();

    const errors = await driving;
    expect(worker.exited, 'the worker process survived the outage').toBeUndefined();
    await checkFigures(s, SCENARIO, `server SIGKILL for 6 s; stages reached at the time ${spread}`, runs, startedAt, errors);
  });
});
