/**
 * Scenario 7: PostgreSQL goes away for a while (the proxy in front of it refuses connections and
 * cuts the open ones) while programmes run. Ledger writes fail and are retried until the database is
 * back; every milestone ends up in the ledger once, the chain verifies, and the programmes finish
 * with no more delay than the outage itself.
 */
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../store/ledger.js';
import { sleep } from '../../dev/childProcess.js';
import { useScenario } from './support/scenario.js';
import { refusesConnections } from './support/temporalServer.js';

const scenario = useScenario('7-database-outage');

describe('PostgreSQL refusing connections for a while', () => {
  it('loses and doubles no ledger record, and the programmes finish once it is back', async () => {
    const s = await scenario.begin({ queue: 'database', programmes: 10, budgetMs: 300_000 });
    const driving = scenario.drive();

    // Let the programmes get going (opened, referrals on their way), then take the database away.
    await sleep(8_000);
    const { rows } = await s.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger');
    const beforeOutage = Number(rows[0]!.n);
    await s.postgres.cut();
    const down = Date.now();
    expect(await refusesConnections(s.postgres.port), 'the database port refuses connections').toBe(true);
    await sleep(45_000);
    const { rows: during } = await s.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger');
    await s.postgres.restore();
    const downSeconds = Math.round((Date.now() - down) / 1000);

    const errors = await driving;
    expect(beforeOutage, 'records written before the outage').toBeGreaterThan(0);
    expect(Number(during[0]!.n), 'nothing reaches the ledger while the database is away').toBe(beforeOutage);
    const figures = await scenario.checkFigures(`PostgreSQL connections refused for ${downSeconds} s (through the proxy; the server itself kept running)`, errors);
    expect(figures.ledger!.expected).toBeGreaterThan(scenario.runs.length * 10);
    expect(await verifyLedger(s.db)).toMatchObject({ ok: true, records: figures.ledger!.written });
  });
});
