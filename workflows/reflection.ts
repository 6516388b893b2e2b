/**
 * Reflection period and asylum track (docs/design.md §2.1–2.2). The reflection period is her time to
 * decide; preparation starts once the risk and needs assessment is recorded and she agreed to share
 * it with partners. While asylum is pending no departure may be planned.
 */
import { condition } from '@temporalio/workflow';
import { setStage, until, withDeadline, type ProgrammeContext } from './context.js';
import { asylumPending, readyToPrepare } from './rules.js';

/** Waits, in the reflection stage, until preparation can begin (or asylum takes over for a while). */
export async function awaitReadinessToPrepare(ctx: ProgrammeContext): Promise<void> {
  const { state } = ctx;
  while (!readyToPrepare(state)) {
    if (asylumPending(state)) {
      await awaitAsylumOutcome(ctx);
      continue;
    }
    setStage(ctx, 'reflection');
    const deadline = state.reflection.deadline;
    const ready = await withDeadline(ctx, { key: 'reflection', at: deadline, what: 'end of the reflection period' }, () =>
      until(deadline, () => readyToPrepare(state) || asylumPending(state) || state.reflection.deadline !== deadline, 'Reflection period'),
    );
    // The deadline passing is the departure watcher's business (reminders, enforced return referral);
    // here the programme keeps waiting for what preparation needs.
    if (!ready && state.reflection.deadline === deadline) {
      await condition(() => readyToPrepare(state) || asylumPending(state));
    }
  }
}

/** The asylum track: wait for DIS, and after a DIS rejection for the Refugee Appeals Board. */
export async function awaitAsylumOutcome(ctx: ProgrammeContext): Promise<void> {
  if (!asylumPending(ctx.state)) return;
  setStage(ctx, 'asylum');
  // Decisions come from the authorities in their own time; a grant ends the programme (interruption).
  await condition(() => !asylumPending(ctx.state));
}
