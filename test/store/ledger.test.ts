/**
 * The ledger's chain on a database of its own: records appended at once by many writers still form
 * one chain, a retried write writes nothing, `verify` holds on the real chain and names the record
 * after the postgres superuser (bypassing the append-only trigger) alters, removes or cuts one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../dev/scratchDatabase.js';
import { COUNTING_RULE } from '../../domain/ledger/record.js';
import { openDatabase, type Database } from '../../store/database.js';
import { recordDeclinedOffer } from '../../store/declinedOffers.js';
import { appendLedgerRecord, readWholeLedger, verifyLedger, type NewLedgerRecord } from '../../store/ledger.js';
import { recordKey } from '../../store/pseudonym.js';
import { cliFor } from '../client/runCli.js';

let scratch: ScratchDatabase;
let db: Database;
const key = 'k'.repeat(40);

const record = (n: number): NewLedgerRecord => ({
  key: recordKey(key, 'wf', 'run', String(n)),
  casePseudonym: 'a'.repeat(32),
  homeCountry: 'RO',
  partner: n % 2 ? 'ro-harbour-house' : null,
  month: '2026-03',
  sex: null,
  ageBand: null,
  milestone: n === 1 ? 'opened' : 'escalation',
  code: n === 1 ? null : 'follow-up-missed',
  severity: n === 1 ? null : 'escalation',
  outcome: null,
  sinceOpenedMs: n * 1000,
});

/** As the postgres superuser, with triggers switched off for the session: what the append-only rule otherwise refuses. */
async function tamper(sql: string, values: unknown[] = []): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query("SET session_replication_role = 'replica'");
    await client.query(sql, values);
  } finally {
    await client.query("SET session_replication_role = 'origin'");
    client.release();
  }
}

beforeAll(async () => {
  scratch = await createScratchDatabase('pr_ledger');
  db = openDatabase({ url: scratch.url, poolMax: 8 });
});
afterAll(async () => {
  await db?.close();
  await scratch?.drop();
});

describe('the ledger chain', () => {
  it('appends concurrent writers one after another into one chain, and a retry writes nothing', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => appendLedgerRecord(db, record(i + 1))));
    expect(results.every((r) => r.written)).toBe(true);
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Retries, some of them at the same moment: the same seq back, nothing new.
    const retries = await Promise.all([record(7), record(7), record(12)].map((r) => appendLedgerRecord(db, r)));
    expect(retries).toEqual([
      { seq: results[6]!.seq, written: false },
      { seq: results[6]!.seq, written: false },
      { seq: results[11]!.seq, written: false },
    ]);
    const { records, head } = await readWholeLedger(db);
    expect(records).toHaveLength(40);
    expect(head).toEqual({ seq: 40, hash: records[39]!.hash });
    expect(records.every((r) => r.countingRule === COUNTING_RULE)).toBe(true);
    expect(await verifyLedger(db)).toEqual({ ok: true, records: 40, headHash: records[39]!.hash });
  });

  it('records a declined offer once per case, with no programme behind it', async () => {
    const store = { db, pseudonymKey: key };
    const offer = { caseRef: 'CMM-2026-0777', homeCountry: 'NG', sex: 'female' as const, ageBand: '18-24' as const, declinedOn: '2026-04-09', reason: 'fear-of-reprisals' as const, by: 'cw-anna' };
    const first = await recordDeclinedOffer(store, offer);
    expect(first.written).toBe(true);
    expect(await recordDeclinedOffer(store, offer)).toEqual({ seq: first.seq, written: false });
    const { records } = await readWholeLedger(db);
    const stored = records.find((r) => r.seq === first.seq)!;
    expect(stored).toMatchObject({ milestone: 'offer-declined', homeCountry: 'NG', month: '2026-04', sex: 'female', ageBand: '18-24', code: 'fear-of-reprisals', partner: null });
    expect(JSON.stringify(stored)).not.toContain('CMM-2026-0777');
    expect(JSON.stringify(stored)).not.toContain('2026-04-09');
    await expect(recordDeclinedOffer(store, { ...offer, reason: 'she said no' as never })).rejects.toThrow(/reason: expected prefers-to-stay/);
  });

  it('refuses changes to its records for everyone the trigger applies to', async () => {
    await expect(db.pool.query("UPDATE ledger SET home_country = 'MD' WHERE seq = 3")).rejects.toThrow(/ledger is append-only: UPDATE refused/);
    await expect(db.pool.query('DELETE FROM ledger WHERE seq = 3')).rejects.toThrow(/ledger is append-only: DELETE refused/);
    await expect(db.pool.query('TRUNCATE ledger')).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('fails verification naming the record a superuser altered, removed or cut off the end', async () => {
    const cli = cliFor('unused-task-queue', { DATABASE_URL: scratch.url, PR_PSEUDONYM_KEY: key });
    const ok = await cli('report', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/chain holds: 41 records/);

    await tamper("UPDATE ledger SET home_country = 'MD' WHERE seq = 17");
    const altered = await cli('report', 'verify');
    expect(altered.code).toBe(1);
    expect(altered.stderr).toContain("The ledger's chain breaks at record 17: record 17 was changed (its content no longer matches its hash). 41 records read.");
    await tamper("UPDATE ledger SET home_country = 'RO' WHERE seq = 17");
    expect(await verifyLedger(db)).toMatchObject({ ok: true });

    await tamper('DELETE FROM ledger WHERE seq = 23');
    expect(await verifyLedger(db)).toEqual({ ok: false, records: 40, brokenAt: 23, problem: 'record 23 is missing (the next record is 24)' });
    const removed = await cli('report', 'verify', '--json');
    expect(removed.code).toBe(1);
    expect(removed.stderr).toContain('breaks at record 23: record 23 is missing');

    // The last record gone as well: the chain's head still says how many there were.
    const { records } = await readWholeLedger(db);
    await tamper('DELETE FROM ledger WHERE seq >= 23');
    expect(await verifyLedger(db)).toEqual({ ok: false, records: 22, brokenAt: 23, problem: `record 23 is missing (the chain's head says ${records[records.length - 1]!.seq} records)` });
  });
});
