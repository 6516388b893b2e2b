/**
 * The ledger activity: turns a milestone the programme reports into a de-identified record (the
 * case reference becomes a keyed pseudonym, the time its month) and appends it once, however often
 * the activity is retried: the key is the workflow, the run and the milestone's place in the timeline.
 */
import { log } from '@temporalio/activity';
import { z } from 'zod';
import { MilestoneRecordInput, type LedgerActivities } from '../domain/ledger/record.js';
import { describeProblems } from '../domain/validation.js';
import { appendLedgerRecord } from '../store/ledger.js';
import { pseudonym, recordKey } from '../store/pseudonym.js';
import type { Store } from '../store/store.js';
import { FailureType, permanentFailure } from './failures.js';

export function createLedgerActivities(store: Store): LedgerActivities {
  return {
    async writeLedgerRecords(raw) {
      const parsed = MilestoneRecords.safeParse(raw);
      if (!parsed.success) throw permanentFailure(FailureType.InvalidInput, `writeLedgerRecords: the input is not valid:\n${describeProblems(parsed.error)}`);
      // In timeline order, one after another: a retry after a partial write skips what is there.
      const results: Array<{ seq: number; written: boolean }> = [];
      for (const m of parsed.data) results.push(await writeOne(store, m));
      return results;
    },
  };
}

const MilestoneRecords = z.array(MilestoneRecordInput).min(1).max(100);

async function writeOne(store: Store, m: z.output<typeof MilestoneRecordInput>): Promise<{ seq: number; written: boolean }> {
  const result = await appendLedgerRecord(store.db, {
    key: recordKey(store.pseudonymKey, m.workflowId, m.runId, String(m.seq)),
    casePseudonym: pseudonym(store.pseudonymKey, 'ledger', m.caseRef),
    homeCountry: m.homeCountry,
    partner: m.partner,
    month: new Date(m.at).toISOString().slice(0, 7),
    sex: m.sex,
    ageBand: m.ageBand,
    milestone: m.milestone,
    code: m.code,
    severity: m.severity,
    outcome: m.outcome,
    sinceOpenedMs: m.sinceOpenedMs,
  });
  log.info('ledger record', { milestone: m.milestone, seq: result.seq, written: result.written });
  return result;
}
