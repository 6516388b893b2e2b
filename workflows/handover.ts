/**
 * Handover (docs/design.md §2.5): the receiving partner confirms she was received within the handover
 * window after arrival. No confirmation is urgent: she may be unaccounted for. The programme keeps
 * waiting, escalated, until the partner confirms.
 */
import { condition } from '@temporalio/workflow';
import { addMs } from '../domain/durations.js';
import { publish, setStage, until, withDeadline, type ProgrammeContext } from './context.js';
import { escalate } from './outreach.js';
import { acceptedPartner } from './rules.js';

/** True when a partner received her; false when she returned with no receiving partner. */
export async function awaitHandover(ctx: ProgrammeContext): Promise<boolean> {
  const { state, input } = ctx;
  setStage(ctx, 'handover');
  const partner = acceptedPartner(state);
  if (!partner) {
    // Departed without an accepted partner (e.g. an enforced return): nobody can confirm a handover.
    escalate(ctx, 'handover-missing', 'urgent', { reason: 'no-receiving-partner' });
    return false;
  }
  const arrival = state.travel && Date.parse(state.travel.date) > Date.parse(state.departedAt!) ? state.travel.date : state.departedAt!;
  const dueBy = addMs(arrival, input.policy.handoverWindow);
  state.handover.dueBy = dueBy;
  publish(ctx);
  const received = (): boolean => state.handover.confirmedAt !== null;
  const inTime = await withDeadline(ctx, { key: 'handover', at: dueBy, what: `handover confirmed by ${partner.partnerId}` }, () =>
    until(dueBy, received, `Handover by ${partner.partnerId}`),
  );
  if (!inTime) {
    escalate(ctx, 'handover-missing', 'urgent', { partnerId: partner.partnerId }, dueBy);
    await condition(received);
  }
  state.partner = { id: partner.partnerId, state: 'accepted' };
  return true;
}
