/**
 * The reintegration plan, refined after the handover (docs/design.md §2.6): within the policy's
 * window the caseworker records the plan again, refined with the partner now that she is home. At
 * half-window she is reminded; when the window passes without a refinement the supervisor is told,
 * and a refinement that comes late resolves that escalation (`recordPlan`, workflows/commands.ts).
 */
import { addMs } from '../domain/durations.js';
import type { PlanRefinement } from '../domain/status.js';
import { note, until, withDeadline, type ProgrammeContext } from './context.js';
import { escalate, tellStaff } from './outreach.js';
import { acceptedPartner, isClosed } from './rules.js';

export async function watchPlanRefinement(ctx: ProgrammeContext): Promise<void> {
  const { state, input } = ctx;
  const window = input.policy.planRefinementWindow;
  const handoverAt = state.handover.confirmedAt!;
  const refinement: PlanRefinement = { dueBy: addMs(handoverAt, window), refinedAt: null };
  state.planRefinement = refinement;
  const facts = { partnerId: acceptedPartner(state)?.partnerId ?? '' };
  const settled = (): boolean => refinement.refinedAt !== null || isClosed(state);

  const inTime = await withDeadline(ctx, { key: 'plan-refinement', at: refinement.dueBy, what: 'reintegration plan refined' }, async () => {
    if (!(await until(addMs(handoverAt, Math.floor(window / 2)), settled, 'Plan refinement half-window'))) {
      tellStaff(ctx, { topic: 'plan-refinement-due', audience: 'caseworker', severity: 'reminder', dueAt: refinement.dueBy, facts }, 'Plan refinement reminder → caseworker');
    }
    return until(refinement.dueBy, settled, 'Plan refinement');
  });
  if (inTime) return;
  note(ctx, 'planNotRefined', { dueBy: refinement.dueBy });
  escalate(ctx, 'plan-not-refined', 'escalation', facts, refinement.dueBy);
}
