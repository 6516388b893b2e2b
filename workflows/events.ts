/**
 * Outside events: what the programme makes of each. An event is recorded in order: a repeated
 * `eventId` once, an event that does not fit the stage as *refused* with the reason. A handler never
 * throws, so a bad event can neither crash nor stall the programme.
 *
 * Each event of the catalogue (domain/events.ts) has its rule here: it changes the state, or says
 * why the event is refused. Everything the events share (reading the payload, repeats, re-used
 * webhook-ids, the sender's role, a closed programme) is done once, by `onEvent`.
 */
import type { SignalDefinition } from '@temporalio/common';
import { patched, setHandler } from '@temporalio/workflow';
import { carriesDigest, webhookIdOf } from '../domain/eventIds.js';
import { EVENTS, eventNames, type EventName, type ParsedEvent } from '../domain/events.js';
import type { TimelineEntry } from '../domain/status.js';
import { describeProblems } from '../domain/validation.js';
import { now, publish, record, refreshDepartureDeadline, type ProgrammeContext } from './context.js';
import { signals } from './messages.js';
import { escalate, resolveEscalations } from './outreach.js';
import { asylumPending, candidateBeingAsked, hasConsent, hasDeparted, isClosed, isReceivingPartner, partnerWasAsked } from './rules.js';

/** Why an event is refused; undefined when it is recorded. */
type Refusal = string | undefined;

type EventRules = { [N in EventName]: (ctx: ProgrammeContext, event: ParsedEvent<N>) => Refusal };

const RULES: EventRules = {
  asylumApplied: (ctx) => {
    const s = ctx.state;
    if (hasDeparted(s)) return 'she has already left Denmark';
    if (s.asylum !== 'none') return `asylum is already ${s.asylum}`;
    s.asylum = 'pending-dis';
    refreshDepartureDeadline(ctx);
  },

  asylumDecision: (ctx, event) => {
    const s = ctx.state;
    if (hasDeparted(s)) return 'she has already left Denmark; record a reopening with caseReopened';
    const expected = event.authority === 'DIS' ? 'pending-dis' : 'pending-fln';
    if (s.asylum !== expected) return `authority: no ${event.authority} decision is awaited (asylum is ${s.asylum})`;
    if (event.decision === 'rejected') {
      // A DIS rejection in the normal procedure goes to the Refugee Appeals Board automatically.
      s.asylum = event.authority === 'DIS' ? 'pending-fln' : 'rejected-final';
      if (s.asylum === 'rejected-final') ctx.finalRejectionAt = event.at;
    } else {
      s.asylum = 'granted';
      ctx.interruption ??= { outcome: 'residence-granted', at: now() };
    }
    refreshDepartureDeadline(ctx);
  },

  caseReopened: (ctx) => {
    const s = ctx.state;
    if (hasDeparted(s)) return undefined; // recorded: FLN may reopen even after departure
    if (s.asylum !== 'rejected-final') return `there is no final asylum decision to reopen (asylum is ${s.asylum})`;
    s.asylum = 'pending-fln';
    ctx.finalRejectionAt = null;
    refreshDepartureDeadline(ctx);
  },

  referralAcknowledged: (ctx, event) => {
    const candidate = candidateBeingAsked(ctx.state);
    if (!candidate || candidate.partnerId !== event.sender.id) return 'sender: no open referral to this partner';
    if (candidate.state === 'acknowledged') return 'the referral was already acknowledged';
    candidate.state = 'acknowledged';
    candidate.acknowledgedAt = event.at;
  },

  referralAnswered: (ctx, event) => {
    const candidate = candidateBeingAsked(ctx.state);
    if (!candidate || candidate.partnerId !== event.sender.id) return 'sender: no open referral to this partner';
    candidate.state = event.answer === 'accept' ? 'accepted' : 'declined';
    candidate.answeredAt = event.at;
    if (event.answer === 'accept') ctx.state.partner = { id: candidate.partnerId, state: 'accepted' };
  },

  handoverConfirmed: (ctx, event) => {
    const s = ctx.state;
    if (!isReceivingPartner(s, event.sender.id)) return 'sender: only the receiving partner confirms the handover';
    if (!hasDeparted(s)) return 'she has not departed yet';
    if (s.handover.confirmedAt !== null) return 'the handover was already confirmed';
    s.handover.confirmedAt = event.at;
    resolveEscalations(ctx, 'handover-missing');
  },

  followUpReported: (ctx, event) => {
    const s = ctx.state;
    if (!isReceivingPartner(s, event.sender.id)) return 'sender: only the receiving partner reports follow-up';
    if (s.handover.confirmedAt === null) return 'follow-up starts after the handover';
    if (!hasConsent(s, 'follow-up')) return 'she has not consented to follow-up: the report is not recorded';
    const checkpoint = s.checkpoints.find((c) => c.name === event.checkpoint);
    if (!checkpoint || checkpoint.state === 'received') return `checkpoint: ${event.checkpoint} was already reported`;
    if (checkpoint.state === 'stopped') return `checkpoint: ${event.checkpoint} was stopped`;
    const wasMissed = checkpoint.state === 'missed';
    checkpoint.state = 'received';
    checkpoint.reportedAt = event.at;
    checkpoint.concerns = event.concerns;
    if (wasMissed) resolveEscalations(ctx, 'follow-up-missed');
    for (const kind of event.concerns) raiseConcern(ctx, kind, `${event.sender.role}:${event.sender.id}`, event.at);
  },

  concernRaised: (ctx, event) => {
    if (event.sender.role === 'partner' && !partnerWasAsked(ctx.state, event.sender.id)) return 'sender: this partner was not asked about this programme';
    raiseConcern(ctx, event.kind, `${event.sender.role}:${event.sender.id}`, event.at);
  },

  departureConfirmed: (ctx, event) => {
    const s = ctx.state;
    if (hasDeparted(s)) return 'the departure was already confirmed';
    if (asylumPending(s)) return 'asylum is pending: she may not be returned';
    if (s.asylum === 'granted') return 'residence was granted: the return is off';
    s.departedAt = event.at;
    s.missingSince = null;
  },

  personMissing: (ctx, event) => {
    const s = ctx.state;
    if (hasDeparted(s)) return 'after return, report lost contact as a concern (concernRaised)';
    if (event.sender.role === 'partner' && !partnerWasAsked(s, event.sender.id)) return 'sender: this partner was not asked about this programme';
    if (event.state === 'missing') {
      if (s.missingSince !== null) return 'she is already reported missing';
      s.missingSince = event.at;
    } else {
      if (s.missingSince === null) return 'she was not reported missing';
      s.missingSince = null;
    }
  },

  consentWithdrawn: (ctx, event) => {
    const s = ctx.state;
    if (event.sender.role === 'partner' && !isReceivingPartner(s, event.sender.id)) return 'sender: only the receiving partner may pass on a withdrawal';
    const consent = s.consent[event.scope];
    if (!consent || consent.withdrawnAt !== undefined) return `scope: there is no ${event.scope} consent to withdraw`;
    consent.withdrawnAt = event.at;
    // Participation is voluntary: withdrawing it before departure ends the programme as declined.
    if (event.scope === 'participation' && !hasDeparted(s)) ctx.interruption ??= { outcome: 'declined', at: now() };
  },
};

export function installEventHandlers(ctx: ProgrammeContext): void {
  for (const name of eventNames) onEvent(ctx, name);
}

function onEvent<N extends EventName>(ctx: ProgrammeContext, name: N): void {
  const declaration = EVENTS[name];
  const apply = RULES[name] as (ctx: ProgrammeContext, event: ParsedEvent<N>) => Refusal;
  // Every event is read by its schema here, so the handler takes what was sent as it is.
  setHandler(
    signals[name] as SignalDefinition<[unknown]>,
    (raw: unknown) => {
      const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { eventId?: unknown }).eventId === 'string' ? (raw as { eventId: string }).eventId : undefined;
      if (rawId !== undefined && ctx.state.timeline.some((e) => e.eventId === rawId)) {
        ctx.state.duplicatesIgnored += 1;
        return;
      }
      const parsed = declaration.schema.safeParse(raw);
      if (!parsed.success) {
        record(ctx, { kind: name, ...(rawId ? { eventId: rawId } : {}), by: 'unknown', result: 'refused', reason: describeProblems(parsed.error).replace(/\n/g, '; ') });
        return;
      }
      const event = parsed.data as ParsedEvent<N>;
      const by = `${event.sender.role}:${event.sender.id}`;
      const allowed: ReadonlyArray<string> = declaration.senders;
      const reused = reusedWebhookId(ctx, event.eventId, by);
      let refusal: Refusal;
      if (reused) refusal = `eventId: this webhook-id was used before (event ${reused.seq}) for a different body`;
      else if (!allowed.includes(event.sender.role)) refusal = `sender: a ${event.sender.role} may not send ${name}`;
      else if (isClosed(ctx.state)) refusal = `the programme is closed (${ctx.state.outcome})`;
      else refusal = apply(ctx, event);
      record(ctx, { kind: name, eventId: event.eventId, by, result: refusal ? 'refused' : 'recorded', ...(refusal ? { reason: refusal } : {}), detail: { happenedAt: event.at } });
      publish(ctx);
    },
    { description: declaration.description },
  );
}

/**
 * The earlier event of this sender under the same webhook-id with another digest: a sender re-using
 * an id for different content, which is kept and flagged. An entry the programme could not read
 * (sender unknown) counts as the sender's own. Programmes that started before webhook-ids were
 * compared per sender keep comparing them across senders on replay.
 */
function reusedWebhookId(ctx: ProgrammeContext, eventId: string, by: string): TimelineEntry | undefined {
  if (!carriesDigest(eventId)) return undefined;
  const webhookId = webhookIdOf(eventId);
  const sameId = (e: TimelineEntry): boolean => e.eventId !== undefined && webhookIdOf(e.eventId) === webhookId;
  const anySender = ctx.state.timeline.find(sameId);
  const sameSender = ctx.state.timeline.find((e) => sameId(e) && (e.by === by || e.by === 'unknown'));
  if (anySender === sameSender) return sameSender;
  return patched('webhook-ids-per-sender') ? sameSender : anySender;
}

function raiseConcern(ctx: ProgrammeContext, kind: string, by: string, at: string): void {
  ctx.state.concerns.push({ kind, at, by });
  escalate(ctx, 'concern-raised', 'urgent', { concern: kind, raisedBy: by });
}
