/**
 * Scenario 7: PostgreSQL goes away for a while (the proxy in front of it refuses connections and
 * cuts the open ones) while programmes run. Ledger writes fail and are retried until the database is
 * back; every milestone ends up in the ledger once, the chain verifies, and the programmes finish
 * with no more delay than the outage itself.
 */
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../store/ledger.js';
import { sleep } from '../../dev/childProcess.js';
import { SignalChannel } from './support/eventChannels.js';
import { checkFigures, newRuns, settle, taskQueueFor, useStack } from './support/scenario.js';
import { refusesConnections } from './support/temporalServer.js';

const SCENARIO = '7-database-outage';
const stack = useStack(SCENARIO);

describe('PostgreSQL refusing connections for a while', () => {
  it('loses and doubles no ledger record, and the programmes finish once it is back', async () => {
    const s = stack();
    const startedAt = Date.now();
    const taskQueue = taskQueueFor('database');
    await s.startWorker(taskQueue);
    const runs = newRuns(s, taskQueue, 10, 300_000);
    const channel = new SignalChannel();

    const driving = settle(runs, async (run) => {
      await run.open();
      await run.runToTheEnd(channel);
    });

    // Let the programmes get going (opened, referrals on their way), then take the database away.
    await sleep(8_000);
    const { rows } = await s.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger');
    const beforeOutage = Number(rows[0]!.n);
    await s.postgres.stop();
    const down = Date.now();
    expect(await refusesConnections(s.postgres.port), 'the database port refuses connections').toBe(true);
    await sleep(45_000);
    const { rows: during } = await s.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger');
    await s.postgres.start();
    const downSeconds = Math.round((Date.now() - down) / 1000);

    const errors = await driving;
    expect(beforeOutage, 'records written before the outage').toBeGreaterThan(0);
    expect(Number(during[0]!.n), 'nothing reaches the ledger while the database is away').toBe(beforeOutage);
    const figures = await checkFigures(s, SCENARIO, `PostgreSQL connections refused for ${downSeconds} s (through the proxy; the server itself kept running)`, runs, startedAt, errors);
    expect(figures.ledger!.expected).toBeGreaterThan(runs.length * 10);
    expect(await verifyLedger(s.db)).toMatchObject({ ok: true, records: figures.ledger!.written });
  });
});
