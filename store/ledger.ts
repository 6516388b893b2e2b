/**
 * Appending to the evaluation ledger. Records are added one at a time under a lock on the chain's
 * head row, so each one links to the one before; a record whose key is already there is not written
 * again (unique key, ON CONFLICT DO NOTHING): a retried activity writes once.
 */
import { COUNTING_RULE, type LedgerRecord } from '../domain/ledger/record.js';
import { inTransaction, type Database } from './database.js';
import { checkChain, recordHash, type ChainCheck, type ChainedFields } from './ledgerChain.js';

export type NewLedgerRecord = Omit<ChainedFields, 'seq' | 'countingRule'> & {
  /** The idempotency key, already a keyed hash (64 hex digits): nothing in it leads back to the case. */
  key: string;
};

export async function appendLedgerRecord(db: Database, record: NewLedgerRecord): Promise<{ seq: number; written: boolean }> {
  const existing = await db.pool.query<{ seq: string }>('SELECT seq FROM ledger WHERE record_key = $1', [record.key]);
  if (existing.rows[0]) return { seq: Number(existing.rows[0].seq), written: false };

  return inTransaction(db, async (client) => {
    const head = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM ledger_head FOR UPDATE')).rows[0];
    if (!head) throw new Error('the ledger has no chain head: run the migrations');
    const { key, ...fields } = record;
    const chained: ChainedFields = { ...fields, seq: Number(head.seq) + 1, countingRule: COUNTING_RULE };
    const hash = recordHash(head.hash, chained);
    const inserted = await client.query<{ seq: string }>(
      `INSERT INTO ledger (seq, record_key, counting_rule, case_pseudonym, home_country, partner, month, sex, age_band, milestone, code, severity, outcome, since_opened_ms, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (record_key) DO NOTHING RETURNING seq`,
      [
        chained.seq,
        key,
        chained.countingRule,
        chained.casePseudonym,
        chained.homeCountry,
        chained.partner,
        chained.month,
        chained.sex,
        chained.ageBand,
        chained.milestone,
        chained.code,
        chained.severity,
        chained.outcome,
        chained.sinceOpenedMs,
        head.hash,
        hash,
      ],
    );
    if (!inserted.rows[0]) {
      // Written by a concurrent attempt between our look and the lock.
      const again = await client.query<{ seq: string }>('SELECT seq FROM ledger WHERE record_key = $1', [key]);
      return { seq: Number(again.rows[0]!.seq), written: false };
    }
    await client.query('UPDATE ledger_head SET seq = $1, hash = $2', [chained.seq, hash]);
    return { seq: chained.seq, written: true };
  });
}

interface LedgerRow {
  seq: string;
  counting_rule: string;
  case_pseudonym: string;
  home_country: string;
  partner: string | null;
  month: string;
  sex: LedgerRecord['sex'];
  age_band: LedgerRecord['ageBand'];
  milestone: LedgerRecord['milestone'];
  code: string | null;
  severity: LedgerRecord['severity'];
  outcome: LedgerRecord['outcome'];
  since_opened_ms: string | null;
  prev_hash: string;
  hash: string;
}

export function toRecord(row: LedgerRow): LedgerRecord {
  return {
    seq: Number(row.seq),
    countingRule: row.counting_rule,
    casePseudonym: row.case_pseudonym,
    homeCountry: row.home_country,
    partner: row.partner,
    month: row.month,
    sex: row.sex,
    ageBand: row.age_band,
    milestone: row.milestone,
    code: row.code,
    severity: row.severity,
    outcome: row.outcome,
    sinceOpenedMs: row.since_opened_ms === null ? null : Number(row.since_opened_ms),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const COLUMNS = 'seq, counting_rule, case_pseudonym, home_country, partner, month, sex, age_band, milestone, code, severity, outcome, since_opened_ms, prev_hash, hash';

/**
 * The records a report on `fromMonth`–`toMonth` (inclusive, `2026-01`) counts: every record of the
 * cases whose programme opened in those months, whenever the record was made, and the offers
 * declined in them.
 */
export async function readLedgerForPeriod(db: Database, fromMonth: string, toMonth: string): Promise<LedgerRecord[]> {
  const { rows } = await db.pool.query<LedgerRow>(
    `SELECT ${COLUMNS} FROM ledger
      WHERE case_pseudonym IN (SELECT case_pseudonym FROM ledger WHERE milestone = 'opened' AND month BETWEEN $1 AND $2)
         OR (milestone = 'offer-declined' AND month BETWEEN $1 AND $2)
      ORDER BY seq`,
    [fromMonth, toMonth],
  );
  return rows.map(toRecord);
}

/** Every record in chain order, and the head: what verification reads. */
export async function readWholeLedger(db: Database): Promise<{ records: LedgerRecord[]; head: { seq: number; hash: string } }> {
  const { rows } = await db.pool.query<LedgerRow>(`SELECT ${COLUMNS} FROM ledger ORDER BY seq`);
  const head = (await db.pool.query<{ seq: string; hash: string }>('SELECT seq, hash FROM ledger_head')).rows[0];
  return { records: rows.map(toRecord), head: head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: '' } };
}

/** Checks the whole chain (`prepared-return report verify`). */
export async function verifyLedger(db: Database): Promise<ChainCheck> {
  const { records, head } = await readWholeLedger(db);
  return checkChain(records, head);
}
