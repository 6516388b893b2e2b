/**
 * Cluster scenario 2: the Temporal server is killed (SIGKILL) and started again on its PostgreSQL
 * databases, and later PostgreSQL goes away for a while (every connection dropped and new ones
 * refused, as during a database restart: done with a proxy in front of the machine's PostgreSQL,
 * which others share and no test restarts). Workers stay up and reconnect; partners and caseworkers
 * send again what failed. Nothing may be lost or doubled.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { GatewayChannel } from '../reliability/support/eventChannels.js';
import { checkFigures, gatewaySystems, newRuns, settle, taskQueueFor, useStack } from '../reliability/support/scenario.js';
import { refusesConnections } from '../reliability/support/temporalServer.js';
import { ClusterStack } from './support/clusterStack.js';

const SCENARIO = 'cluster-2-server-and-database-restart';
const stack = useStack(SCENARIO, (name) => new ClusterStack(name));

describe('the production server killed and PostgreSQL taken away', () => {
  it('keeps every programme, event and notification', async () => {
    const s = stack();
    const startedAt = Date.now();
    const taskQueue = taskQueueFor('restarts');
    const workers = await Promise.all([s.startWorker(taskQueue), s.startWorker(taskQueue)]);
    await Promise.all([s.startGatewayReplica(0), s.startGatewayReplica(1)]);
    const channel = new GatewayChannel(gatewaySystems(s));
    const runs = newRuns(s, taskQueue, 10, 280_000);
    s.partners.delayMs = 200;

    const reached = new Map<string, number>();
    const mark = async (step: string): Promise<void> => void reached.set(step, (reached.get(step) ?? 0) + 1);
    const driving = settle(runs, async (run) => {
      await run.open();
      await run.runToTheEnd(channel, mark);
    });
    const until = async (step: string, count: number): Promise<void> => {
      const started = Date.now();
      while ((reached.get(step) ?? 0) < count && Date.now() - started < 120_000) await sleep(100);
    };

    // The server, when programmes are spread over the stages.
    await until('travel', 3);
    const atServerKill = JSON.stringify(Object.fromEntries(reached));
    await s.temporal.stop('SIGKILL');
    expect(s.temporal.process?.exited?.signal).toBe('SIGKILL');
    expect(await refusesConnections(Number(s.temporal.address.split(':')[1])), 'the frontend port refuses connections').toBe(true);
    await sleep(5_000);
    await s.temporal.start();

    // PostgreSQL, when some programmes are in follow-up (timers) and others still travelling.
    await until('month-1', 3);
    const atDatabaseCut = JSON.stringify(Object.fromEntries(reached));
    await s.postgresProxy.cut();
    await sleep(8_000);
    await s.postgresProxy.restore();

    const errors = await driving;
    expect(workers.every((w) => w.exited === undefined), 'the worker processes survived both outages').toBe(true);
    expect(s.temporal.process?.exited, 'the restarted server survived the database outage').toBeUndefined();
    await checkFigures(s, SCENARIO, `server SIGKILL for 5 s (stages ${atServerKill}); PostgreSQL cut for 8 s (stages ${atDatabaseCut})`, runs, startedAt, errors);
  });
});
