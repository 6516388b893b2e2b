/**
 * Two clocks that run beside the phases until she departs:
 *  - the departure deadline: the caseworker is reminded before it, and when it passes without a
 *    departure the programme records an enforced return referral and tells the authority;
 *  - a missing person: reported missing and not found within the closure window, the programme
 *    closes as absconded (with an urgent alert).
 */
import { condition } from '@temporalio/workflow';
import { addMs } from '../domain/durations.js';
import { note, now, until, withDeadline, type ProgrammeContext } from './context.js';
import { escalate, tellStaff } from './outreach.js';
import { hasDeparted } from './rules.js';

export async function watchDepartureDeadline(ctx: ProgrammeContext): Promise<void> {
  const { state, input } = ctx;
  let remindedFor: string | null = null;
  while (!hasDeparted(state)) {
    const version = ctx.departureDeadlineVersion;
    const deadline = state.departureDeadline;
    const moved = (): boolean => hasDeparted(state) || ctx.departureDeadlineVersion !== version;
    if (deadline === null) {
      // Asylum pending: no departure may be planned, so there is no deadline to watch.
      await condition(moved);
      continue;
    }
    const passed = await withDeadline(ctx, { key: 'departure', at: deadline, what: 'departure deadline' }, async () => {
      const reminderAt = addMs(deadline, -input.policy.deadlineReminderBefore);
      if (remindedFor !== deadline && !(await until(reminderAt, moved, 'Departure deadline reminder'))) {
        remindedFor = deadline;
        tellStaff(ctx, { topic: 'reflection-ending', audience: 'caseworker', severity: 'reminder', dueAt: deadline }, 'Deadline reminder → caseworker');
      }
      return !(await until(deadline, moved, 'Departure deadline'));
    });
    if (passed) {
      referForEnforcedReturn(ctx, deadline);
      return;
    }
  }
}

/** The deadline passed without departure: the police / Return Agency take over the departure. */
function referForEnforcedReturn(ctx: ProgrammeContext, deadline: string): void {
  ctx.state.enforcedReturnReferredAt = now();
  note(ctx, 'enforcedReturnReferral', { deadline });
  tellStaff(ctx, { topic: 'departure-deadline-passed', audience: 'authority', severity: 'escalation', dueAt: deadline }, 'Enforced return referral → Return Agency');
  escalate(ctx, 'departure-deadline-passed', 'escalation', {}, deadline);
}

export async function watchForAbsconding(ctx: ProgrammeContext): Promise<void> {
  const { state, input } = ctx;
  while (!hasDeparted(state)) {
    await condition(() => state.missingSince !== null || hasDeparted(state));
    if (hasDeparted(state)) return;
    const since = state.missingSince!;
    const closeAt = addMs(since, input.policy.missingClosure);
    const found = await withDeadline(ctx, { key: 'missing', at: closeAt, what: 'closure if she is still missing' }, () =>
      until(closeAt, () => state.missingSince !== since || hasDeparted(state), 'Missing person'),
    );
    if (!found) {
      escalate(ctx, 'absconded', 'urgent', {}, closeAt);
      ctx.interruption ??= { outcome: 'absconded', at: now() };
      return;
    }
  }
}
