/**
 * Travel (docs/design.md §2.4): the caseworker plans it after a partner accepted and before the departure
 * deadline; the partner is told when and where she arrives; the caseworker is reminded before the
 * date; the Return Agency or the caseworker confirms the departure. An asylum application puts the
 * plan on hold: no departure may be planned while asylum is pending.
 */
import { condition } from '@temporalio/workflow';
import { addMs } from '../domain/durations.js';
import { note, setStage, until, withDeadline, type ProgrammeContext } from './context.js';
import { tellPartner, tellStaff } from './outreach.js';
import { awaitAsylumOutcome } from './reflection.js';
import { acceptedPartner, asylumPending } from './rules.js';

/** Returns when the departure is confirmed (the caller stops this phase at that moment). */
export async function planAndConfirmTravel(ctx: ProgrammeContext): Promise<void> {
  const { state, input } = ctx;
  for (;;) {
    if (asylumPending(state)) {
      if (state.travel) note(ctx, 'travelPlanSuspended', { reason: 'asylum-pending' });
      state.travel = null;
      await awaitAsylumOutcome(ctx);
    }
    setStage(ctx, 'travel');
    // The departure deadline watcher bounds this wait: when it passes, the authority is told.
    await condition(() => state.travel !== null || asylumPending(state));
    if (asylumPending(state) || state.travel === null) continue;

    const planVersion = ctx.travelPlanVersion;
    const travel = state.travel;
    const replanned = (): boolean => ctx.travelPlanVersion !== planVersion || asylumPending(state);
    const partner = acceptedPartner(state)!;
    await tellPartner(
      ctx,
      {
        kind: 'arrival-notice',
        partnerId: partner.partnerId,
        caseRef: input.caseRef,
        travel,
        confirmHandoverBy: addMs(travel.date, input.policy.handoverWindow),
      },
      `Arrival notice → ${partner.partnerId}`,
    );
    const reminderAt = addMs(travel.date, -input.policy.travelReminderBefore);
    await withDeadline(ctx, { key: 'travel', at: travel.date, what: `departure to ${travel.destination}` }, async () => {
      if (!(await until(reminderAt, replanned, 'Travel reminder'))) {
        tellStaff(ctx, { topic: 'travel-reminder', audience: 'caseworker', severity: 'reminder', dueAt: travel.date, facts: { destination: travel.destination } }, 'Travel reminder → caseworker');
      }
      // Waits for a new plan or asylum; the departure itself ends the phase from outside.
      await condition(replanned);
    });
  }
}
