/**
 * The programme's entries in the evaluation ledger: each milestone the timeline records becomes one
 * de-identified record, written by an activity in the background, outside any cancellation, retried
 * until it is written (each record's key makes a retry write nothing twice). Milestones recorded
 * while a write is on its way go together in the next one. The programme waits for its records
 * before it closes, so a closed programme's ledger is complete.
 */
import { CancellationScope, log, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { milestoneOf } from '../domain/ledger/milestones.js';
import type { LedgerActivities, MilestoneRecordInput } from '../domain/ledger/record.js';
import type { ProgrammeStatus, TimelineEntry } from '../domain/status.js';

/** What the ledger needs of the programme: its state, and the set of background work it waits for before closing. */
interface LedgerContext {
  readonly state: ProgrammeStatus;
  readonly inFlight: Set<Promise<void>>;
}

/** Patch id (docs/workflow-changes.md): programmes write their milestones to the ledger. */
const LEDGER_RECORDS = 'ledger-records';

/** Patch id: a referral answer recorded on a partner's behalf is counted as that partner's answer. */
const LEDGER_COUNTS_RELAYED_ANSWERS = 'ledger-counts-relayed-answers';

/**
 * Milestones added after the ledger, each under a patch id of its own (docs/workflow-changes.md):
 * its record is one more ledger write, which a programme that recorded the entry before never made.
 */
const ADDED_LATER: Partial<Record<MilestoneRecordInput['milestone'], string>> = {
  'escalation-acknowledged': 'ledger-escalation-acknowledged',
};

const { writeLedgerRecords } = proxyActivities<LedgerActivities>({
  summary: 'Ledger records',
  startToCloseTimeout: '30s',
  // A database outage delays the records, never loses them: retried until written.
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', nonRetryableErrorTypes: ['InvalidInput'] },
});

/** Records waiting for the next write, per programme (workflow state: rebuilt the same way on replay). */
const waiting = new WeakMap<LedgerContext, MilestoneRecordInput[]>();

export function writeMilestone(ctx: LedgerContext, entry: TimelineEntry): void {
  const milestone = milestoneOf(entry, ctx.state, () => patched(LEDGER_COUNTS_RELAYED_ANSWERS));
  // Programmes that started before the ledger existed replay without it.
  if (!milestone || !patched(LEDGER_RECORDS)) return;
  const addedLater = ADDED_LATER[milestone.milestone];
  if (addedLater !== undefined && !patched(addedLater)) return;
  const { state } = ctx;
  const info = workflowInfo();
  const record: MilestoneRecordInput = {
    workflowId: info.workflowId,
    runId: info.runId,
    seq: entry.seq,
    caseRef: state.caseRef,
    homeCountry: state.homeCountry,
    partner: milestone.partner ?? state.partner?.id ?? null,
    at: milestone.at ?? entry.at,
    sinceOpenedMs: Math.max(0, Date.parse(milestone.at ?? entry.at) - Date.parse(state.openedAt)),
    milestone: milestone.milestone,
    code: milestone.code,
    severity: milestone.severity,
    outcome: milestone.milestone === 'closed' ? state.outcome : null,
    // When the caseworker recorded them (unknown for programmes opened before they were asked).
    sex: state.profile?.sex ?? null,
    ageBand: state.profile?.ageBand ?? null,
  };
  const queue = waiting.get(ctx);
  if (queue) {
    queue.push(record); // a write is on its way: this one goes with the next
    return;
  }
  const pending = [record];
  waiting.set(ctx, pending);
  const writing = CancellationScope.nonCancellable(async () => {
    while (pending.length > 0) {
      const batch = pending.splice(0);
      try {
        await writeLedgerRecords(batch);
      } catch (err) {
        // Only records that can never be valid end here (retries are unlimited otherwise).
        log.error('ledger records refused', { seqs: batch.map((r) => r.seq), failure: err instanceof Error ? err.name : 'unknown' });
      }
    }
    waiting.delete(ctx);
  });
  ctx.inFlight.add(writing);
  void writing.finally(() => ctx.inFlight.delete(writing));
}
