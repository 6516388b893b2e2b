/**
 * The ledger's hash chain: a record's hash is SHA-256 over the previous record's hash and the
 * record's own fields (its position included), in a fixed order. Anyone holding an export of the
 * ledger can recompute it; no key is needed to verify.
 */
import { createHash } from 'node:crypto';
import type { LedgerRecord } from '../domain/ledger/record.js';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = Omit<LedgerRecord, 'prevHash' | 'hash'>;

export function recordHash(prevHash: string, r: ChainedFields): string {
  const fields = [
    r.seq,
    r.countingRule,
    r.casePseudonym,
    r.homeCountry,
    r.partner,
    r.month,
    r.sex,
    r.ageBand,
    r.milestone,
    r.code,
    r.severity,
    r.outcome,
    r.sinceOpenedMs,
  ];
  return createHash('sha256').update(`${prevHash}\n${JSON.stringify(fields)}`).digest('hex');
}

export type ChainCheck =
  | { ok: true; records: number; headHash: string }
  | { ok: false; records: number; brokenAt: number; problem: string };

/**
 * Walks the records in order and names the first one where the chain breaks: a record whose
 * content no longer matches its hash, one missing (a gap), one whose link to the one before is
 * wrong, or a head that records more than the table holds.
 */
export function checkChain(records: readonly LedgerRecord[], head: { seq: number; hash: string }): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of records) {
    if (r.seq !== expectedSeq) {
      return { ok: false, records: records.length, brokenAt: expectedSeq, problem: `record ${expectedSeq} is missing (the next record is ${r.seq})` };
    }
    if (r.prevHash !== prev) return { ok: false, records: records.length, brokenAt: r.seq, problem: `record ${r.seq} does not follow record ${r.seq - 1} (its link to it is wrong)` };
    if (recordHash(prev, r) !== r.hash) return { ok: false, records: records.length, brokenAt: r.seq, problem: `record ${r.seq} was changed (its content no longer matches its hash)` };
    prev = r.hash;
    expectedSeq += 1;
  }
  if (head.seq !== records.length || head.hash !== prev) {
    const missing = records.length + 1;
    return {
      ok: false,
      records: records.length,
      brokenAt: missing,
      problem: head.seq > records.length ? `record ${missing} is missing (the chain's head says ${head.seq} records)` : `the chain's head does not match record ${records.length}`,
    };
  }
  return { ok: true, records: records.length, headHash: prev };
}
