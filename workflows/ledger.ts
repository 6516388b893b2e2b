/**
 * The programme's entries in the evaluation ledger: each milestone the timeline records is written
 * as one de-identified record by an activity, in the background, outside any cancellation, retried
 * until it is written (the record's key makes a retry write nothing twice). The programme waits for
 * its records before it closes, so a closed programme's ledger is complete.
 *
 * A local activity: one short database write, done within the workflow task that recorded the
 * milestone, costs the history one marker instead of an activity's three events and a task of its own.
 */
import { CancellationScope, log, patched, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
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

const { writeLedgerRecord } = proxyLocalActivities<LedgerActivities>({
  summary: 'Ledger record',
  startToCloseTimeout: '20s',
  // A database outage delays the records, never loses them: retried until written.
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', nonRetryableErrorTypes: ['InvalidInput'] },
});

export function writeMilestone(ctx: LedgerContext, entry: TimelineEntry): void {
  const milestone = milestoneOf(entry, ctx.state);
  // Programmes that started before the ledger existed replay without it.
  if (!milestone || !patched(LEDGER_RECORDS)) return;
  const { state } = ctx;
  const info = workflowInfo();
  const input: MilestoneRecordInput = {
    workflowId: info.workflowId,
    runId: info.runId,
    seq: entry.seq,
    caseRef: state.caseRef,
    homeCountry: state.homeCountry,
    partner: milestone.partner ?? state.partner?.id ?? null,
    at: entry.at,
    sinceOpenedMs: Math.max(0, Date.parse(entry.at) - Date.parse(state.openedAt)),
    milestone: milestone.milestone,
    code: milestone.code,
    severity: milestone.severity,
    outcome: milestone.milestone === 'closed' ? state.outcome : null,
    // Not part of the programme's input yet: recorded as unknown.
    sex: null,
    ageBand: null,
  };
  const writing = CancellationScope.nonCancellable(async () => {
    try {
      await writeLedgerRecord(input);
    } catch (err) {
      // Only a record that can never be valid ends here (retries are unlimited otherwise).
      log.error('ledger record refused', { milestone: input.milestone, seq: input.seq, failure: err instanceof Error ? err.name : 'unknown' });
    }
  });
  ctx.inFlight.add(writing);
  void writing.finally(() => ctx.inFlight.delete(writing));
}
