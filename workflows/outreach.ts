/**
 * How the programme reaches people: partner messages, staff notifications, escalations. Activities
 * retry by the programme's policy; a delivery that finally fails is recorded and escalated, never
 * a crash. Staff notifications run in the background so a slow mail server never delays a deadline.
 */
import { ActivityFailure, ApplicationFailure, CancellationScope, condition, isCancellation, log, patched, proxyActivities } from '@temporalio/workflow';
import type { PartnerMessage, PartnerSummary, ProgrammeActivities, StaffNotification, StaffTopic } from '../domain/notifications.js';
import type { Escalation } from '../domain/status.js';
import { note, now, publish, type ProgrammeContext } from './context.js';
import { actedOn, isClosed } from './rules.js';

function activities(ctx: ProgrammeContext, summary: string): ProgrammeActivities {
  const { policy } = ctx.input;
  return proxyActivities<ProgrammeActivities>({
    summary,
    startToCloseTimeout: '30s',
    scheduleToCloseTimeout: policy.deliveryGiveUpAfter,
    retry: {
      initialInterval: policy.deliveryRetryInitial,
      maximumInterval: policy.deliveryRetryMaximum,
      backoffCoefficient: 2,
    },
  });
}

/** Partner organisations for the home country, in referral order (from the partner directory). */
export async function findPartners(ctx: ProgrammeContext): Promise<PartnerSummary[]> {
  return activities(ctx, `Find partners in ${ctx.input.homeCountry}`).findPartners({ country: ctx.input.homeCountry });
}

/** Patch id (docs/workflow-changes.md): partner messages are no longer abandoned when their phase stops. */
const PARTNER_MESSAGES_RUN_TO_THEIR_END = 'partner-messages-run-to-their-end';

/** Why a delivery failed, as a code for the timeline (never the failure's text: it may quote a peer). */
function failureCode(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.type) return cause.type;
  return cause instanceof Error ? cause.name : 'unknown';
}

/**
 * Sends a message to a partner; false when it could not be delivered (already recorded). A message
 * that has left runs to its end even when the phase that sent it is stopped (she departed while
 * the arrival notice was on its way): the partner has it, so the timeline must say so.
 */
export async function tellPartner(ctx: ProgrammeContext, message: PartnerMessage, summary: string): Promise<boolean> {
  const send = () => activities(ctx, summary).contactPartner(message);
  try {
    // Programmes that sent a partner message before this behaviour existed keep the old one on replay.
    const sent = await (patched(PARTNER_MESSAGES_RUN_TO_THEIR_END) ? CancellationScope.nonCancellable(send) : send());
    note(ctx, 'partnerContacted', { partnerId: message.partnerId, message: message.kind, channel: sent.channel });
    return true;
  } catch (err) {
    if (isCancellation(err)) throw err;
    note(ctx, 'partnerUnreachable', { partnerId: message.partnerId, message: message.kind, failure: failureCode(err) });
    log.warn('partner message not delivered', { caseRef: ctx.input.caseRef, partnerId: message.partnerId, kind: message.kind });
    return false;
  }
}

/**
 * Tells staff in the background, outside any cancellation: an alert must go out even when the
 * phase that raised it has ended. The programme waits for all of them before it closes.
 */
export function tellStaff(ctx: ProgrammeContext, notification: Omit<StaffNotification, 'caseRef' | 'caseworkerId'>, summary: string): void {
  const full: StaffNotification = { ...notification, caseRef: ctx.input.caseRef, caseworkerId: ctx.state.caseworkerId };
  const sending = CancellationScope.nonCancellable(async () => {
    try {
      const sent = await activities(ctx, summary).notifyStaff(full);
      note(ctx, 'staffNotified', { topic: full.topic, audience: full.audience, messageId: sent.messageId });
    } catch (err) {
      note(ctx, 'staffNotificationFailed', { topic: full.topic, audience: full.audience, failure: failureCode(err) });
      log.error('staff notification not delivered', { caseRef: ctx.input.caseRef, topic: full.topic });
    }
  });
  ctx.inFlight.add(sending);
  void sending.finally(() => ctx.inFlight.delete(sending));
}

/** Patch id (docs/workflow-changes.md): an urgent escalation nobody acts on reminds the supervisors again. */
const URGENT_ESCALATIONS_REMIND = 'urgent-escalations-remind';

/**
 * Raises an escalation: the supervisor is told and the programme shows as escalated until resolved.
 * An urgent one tells the supervisors again on the policy's interval until someone acts on it.
 * Answers the escalation's number.
 */
export function escalate(
  ctx: ProgrammeContext,
  topic: StaffTopic,
  severity: 'escalation' | 'urgent',
  facts: Record<string, string> = {},
  dueAt?: string,
): number {
  const escalation: Escalation = { id: ctx.state.escalations.length + 1, topic, severity, raisedAt: now(), resolvedAt: null };
  ctx.state.escalations.push(escalation);
  note(ctx, 'escalated', { topic, severity });
  publish(ctx);
  tellStaff(ctx, { topic, audience: 'supervisor', severity, facts, ...(dueAt ? { dueAt } : {}) }, `${severity === 'urgent' ? 'URGENT: ' : ''}${topic} → supervisor`);
  // Programmes that raised an urgent escalation before reminders existed replay without them.
  if (severity === 'urgent' && patched(URGENT_ESCALATIONS_REMIND)) void remindUntilActedOn(ctx, escalation);
  return escalation.id;
}

/**
 * Reminds the supervisors of an urgent escalation every policy interval while nobody has acted on
 * it. Outside any cancellation: the phase that raised it may end, the alert stands until the
 * programme closes.
 */
function remindUntilActedOn(ctx: ProgrammeContext, escalation: Escalation): Promise<void> {
  const { state, input } = ctx;
  const settled = (): boolean => actedOn(state, escalation) || isClosed(state);
  return CancellationScope.nonCancellable(async () => {
    while (!(await condition(settled, input.policy.urgentReminderInterval, { summary: `Escalation ${escalation.id} acknowledged` }))) {
      const reminders = (escalation.reminders ?? 0) + 1;
      escalation.reminders = reminders;
      note(ctx, 'escalationReminded', { escalation: escalation.id, topic: escalation.topic, reminders });
      tellStaff(
        ctx,
        {
          topic: 'escalation-unacknowledged',
          audience: 'supervisor',
          severity: 'urgent',
          dueAt: escalation.raisedAt,
          facts: { escalation: String(escalation.id), topic: escalation.topic, reminders: String(reminders) },
        },
        `URGENT: escalation ${escalation.id} not acknowledged → supervisor`,
      );
    }
  });
}

/** Resolves one escalation: a supervisor resolved it, or the concern it was raised for. */
export function resolveEscalation(ctx: ProgrammeContext, escalation: Escalation, resolution: NonNullable<Escalation['resolution']>): void {
  if (escalation.resolvedAt !== null) return;
  escalation.resolvedAt = resolution.at;
  escalation.resolution = resolution;
  note(ctx, 'escalationResolved', { topic: escalation.topic, escalation: escalation.id });
  publish(ctx);
}

/** Marks open escalations on a topic resolved (the awaited event came after all). */
export function resolveEscalations(ctx: ProgrammeContext, topic: StaffTopic): void {
  let changed = false;
  for (const escalation of ctx.state.escalations) {
    if (escalation.topic === topic && escalation.resolvedAt === null) {
      escalation.resolvedAt = now();
      changed = true;
    }
  }
  if (changed) {
    note(ctx, 'escalationResolved', { topic });
    publish(ctx);
  }
}

/** Waits until every background notification has finished (before the programme closes). */
export async function allNotificationsSent(ctx: ProgrammeContext): Promise<void> {
  while (ctx.inFlight.size > 0) await Promise.all([...ctx.inFlight]);
}
