/**
 * A ledger export as an evaluator would receive it: the records in chain order with their hashes,
 * nothing that leads back to a case. The committed fixture of an earlier year is one; it is made
 * from a run's ledger by moving every record into that year (and chaining it again), and loaded
 * into a database of its own as it stands, hashes included.
 */
import { randomBytes } from 'node:crypto';
import type { LedgerRecord } from '../../domain/ledger/record.js';
import type { Database } from '../../store/database.js';
import { GENESIS_HASH, recordHash } from '../../store/ledgerChain.js';

export interface LedgerExport {
  year: number;
  records: LedgerRecord[];
}

export function exportLedger(records: readonly LedgerRecord[], year: number): LedgerExport {
  let prev = GENESIS_HASH;
  const moved = records.map((r) => {
    const record = { ...r, month: `${year}${r.month.slice(4)}`, prevHash: prev };
    record.hash = recordHash(prev, record);
    prev = record.hash;
    return record;
  });
  return { year, records: moved };
}

export async function loadLedgerExport(db: Database, ledger: LedgerExport): Promise<void> {
  for (const r of ledger.records) {
    await db.pool.query(
      `INSERT INTO ledger (seq, record_key, counting_rule, case_pseudonym, home_country, partner, month, sex, age_band, milestone, code, severity, outcome, since_opened_ms, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [r.seq, randomBytes(32).toString('hex'), r.countingRule, r.casePseudonym, r.homeCountry, r.partner, r.month, r.sex, r.ageBand, r.milestone, r.code, r.severity, r.outcome, r.sinceOpenedMs, r.prevHash, r.hash],
    );
  }
  const last = ledger.records[ledger.records.length - 1];
  if (last) await db.pool.query('UPDATE ledger_head SET seq = $1, hash = $2', [last.seq, last.hash]);
}
