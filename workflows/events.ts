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
import type { OnBehalfOf } from '../domain/events.js';
import type { AnswerSource, Concern, EventToConfirm, TimelineEntry } from '../domain/status.js';
import { addMs, formatDuration } from '../domain/durations.js';
import { unreadableReason } from '../domain/unreadable.js';
import { describeProblems } from '../domain/validation.js';
import { now, publish, record, refreshDepartureDeadline, until, withDeadline, type ProgrammeContext } from './context.js';
import { signals } from './messages.js';
import { escalate, resolveEscalations, tellStaff } from './outreach.js';
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
    candidate.contacts = { key: event.keyContact, alternate: event.alternateContact, source: sourceOf(event) };
  },

  referralAnswered: (ctx, event) => {
    const candidate = candidateBeingAsked(ctx.state);
    if (!candidate || candidate.partnerId !== event.sender.id) return 'sender: no open referral to this partner';
    candidate.state = event.answer === 'accept' ? 'accepted' : 'declined';
    candidate.answeredAt = event.at;
    candidate.answer = {
      answer: event.answer,
      declineReasons: event.declineReasons ?? (event.declineReason ? [event.declineReason] : []),
      riskFeedback: event.riskFeedback ?? null,
      riskFactors: event.riskFactors ?? [],
      note: event.note ?? null,
      source: sourceOf(event),
    };
    if (event.answer === 'accept') ctx.state.partner = { id: candidate.partnerId, state: 'accepted' };
  },

  handoverConfirmed: (ctx, event) => {
    const s = ctx.state;
    if (!isReceivingPartner(s, event.sender.id)) return 'sender: only the receiving partner confirms the handover';
    if (!hasDeparted(s)) return 'she has not departed yet';
    if (s.handover.confirmedAt !== null) return 'the handover was already confirmed';
    s.handover.confirmedAt = event.at;
    s.handover.where = event.where ?? null;
    s.handover.receivedBy = event.receivedBy ?? null;
    s.handover.source = sourceOf(event);
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
    checkpoint.report = {
      situation: { ...event.situation },
      form: 'inContact' in event.situation ? 'early' : 'areas',
      seenInPerson: event.seenInPerson ?? null,
      supportReceived: event.supportReceived ?? [],
      nextSteps: event.nextSteps ?? [],
      note: event.note ?? null,
      source: sourceOf(event),
    };
    if (wasMissed) resolveEscalations(ctx, 'follow-up-missed');
    for (const kind of event.concerns) raiseConcern(ctx, kind, `${event.sender.role}:${event.sender.id}`, event.at, event.eventId);
  },

  concernRaised: (ctx, event) => {
    if (event.sender.role === 'partner' && !partnerWasAsked(ctx.state, event.sender.id)) return 'sender: this partner was not asked about this programme';
    raiseConcern(ctx, event.kind, `${event.sender.role}:${event.sender.id}`, event.at, event.eventId);
  },

  departureConfirmed: (ctx, event) => {
    const s = ctx.state;
    if (hasDeparted(s)) return 'the departure was already confirmed';
    if (asylumPending(s)) return 'asylum is pending: she may not be returned';
    if (s.asylum === 'granted') return 'residence was granted: the return is off';
    // From outside, with no travel planned, it would skip referral and travel: the caseworker decides.
    if (event.sender.role !== 'caseworker' && s.travel === null && patched('outside-events-confirmed-by-caseworker')) return askToConfirm(ctx, 'departureConfirmed', event);
    s.departedAt = event.at;
    s.missingSince = null;
  },

  personMissing: (ctx, event) => {
    const s = ctx.state;
    if (hasDeparted(s)) return 'after return, report lost contact as a concern (concernRaised)';
    if (event.sender.role === 'partner' && !partnerWasAsked(s, event.sender.id)) return 'sender: this partner was not asked about this programme';
    if (event.state === 'missing') {
      if (s.missingSince !== null) return 'she is already reported missing';
      // From outside it would start the closure clock: the caseworker confirms it first.
      if (event.sender.role !== 'caseworker' && patched('outside-events-confirmed-by-caseworker')) return askToConfirm(ctx, 'personMissing', event);
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
      const unreadable = unreadableReason(raw);
      if (unreadable !== undefined && patched('unreadable-payload-refused')) {
        record(ctx, { kind: name, by: 'unknown', result: 'refused', reason: `payload: could not be read (${unreadable})` });
        publish(ctx);
        return;
      }
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
      const received = parsed.data as ParsedEvent<N>;
      const by = `${received.sender.role}:${received.sender.id}`;
      const allowed: ReadonlyArray<string> = declaration.senders;
      const reused = reusedWebhookId(ctx, received.eventId, by);
      // Recorded on a partner's behalf: the programme applies it as that partner's own event.
      const relayed = received.onBehalfOf !== undefined && patched('answers-on-partners-behalf') ? received.onBehalfOf : undefined;
      const event = relayed ? { ...received, sender: { role: 'partner' as const, id: relayed.partnerId }, relayedBy: by } : received;
      let refusal: Refusal;
      if (reused) refusal = `eventId: this webhook-id was used before (event ${reused.seq}) for a different body`;
      else if (relayed && received.sender.role !== 'caseworker') refusal = 'onBehalfOf: only a caseworker records an event on a partner\'s behalf';
      else if (relayed && !allowed.includes('partner')) refusal = `onBehalfOf: ${name} is not a partner's event`;
      else if (!allowed.includes(event.sender.role)) refusal = `sender: a ${event.sender.role} may not send ${name}`;
      else if (isClosed(ctx.state)) refusal = `the programme is closed (${ctx.state.outcome})`;
      else refusal = misdated(ctx, received) ?? apply(ctx, event);
      const detail: NonNullable<TimelineEntry['detail']> = { happenedAt: event.at };
      if (relayed) Object.assign(detail, { onBehalfOf: `partner:${relayed.partnerId}`, via: relayed.channel, receivedAt: relayed.receivedAt });
      record(ctx, { kind: name, eventId: event.eventId, by, result: refusal ? 'refused' : 'recorded', ...(refusal ? { reason: refusal } : {}), detail });
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

/**
 * An event dated before the programme opened, or ahead of its clock by more than the policy's
 * skew, is a mistake (a typo, a wrong default): it is refused before it can end or skip a phase.
 */
function misdated(ctx: ProgrammeContext, event: { at: string; onBehalfOf?: OnBehalfOf | undefined }): Refusal {
  if (!patched('event-dates-checked')) return undefined;
  const skew = ctx.input.policy.eventClockSkew;
  const dates: Array<[string, string | undefined]> = [['at', event.at], ['onBehalfOf.receivedAt', event.onBehalfOf?.receivedAt]];
  for (const [field, at] of dates) {
    if (at === undefined) continue;
    if (Date.parse(at) < Date.parse(ctx.state.openedAt) - skew) return `${field}: must not be before the programme opened (${ctx.state.openedAt})`;
    if (Date.parse(at) > Date.now() + skew) return `${field}: must not be in the future (at most ${formatDuration(skew)} ahead of the programme's clock)`;
  }
  return undefined;
}

/** Through the gateway, or recorded by a caseworker on the partner's behalf (and how it came). */
function sourceOf(event: { onBehalfOf?: OnBehalfOf | undefined; relayedBy?: string }): AnswerSource {
  if (!event.onBehalfOf || !event.relayedBy) return { via: 'gateway' };
  return { via: event.onBehalfOf.channel, recordedBy: event.relayedBy, receivedAt: event.onBehalfOf.receivedAt };
}

/**
 * Records the event and puts it to the caseworker, who confirms or rejects it (`confirmEvent`)
 * within the policy window; undecided at the end of the window, the supervisor is told.
 */
function askToConfirm(ctx: ProgrammeContext, kind: EventToConfirm['kind'], event: { at: string; sender: { role: string; id: string } }): Refusal {
  const s = ctx.state;
  // The entry this event is recorded as, right after its rule.
  const seq = s.timeline.length + 1;
  const confirmBy = addMs(now(), ctx.input.policy.eventConfirmationWindow);
  const item: EventToConfirm = { seq, kind, happenedAt: event.at, by: `${event.sender.role}:${event.sender.id}`, confirmBy, state: 'pending' };
  (s.eventsToConfirm ??= []).push(item);
  const facts = { event: kind, seq: String(seq) };
  tellStaff(ctx, { topic: 'event-to-confirm', audience: 'caseworker', severity: 'reminder', dueAt: confirmBy, facts }, `Confirm ${kind} → caseworker`);
  void withDeadline(ctx, { key: `confirm-${seq}`, at: confirmBy, what: `confirm or reject ${kind} (entry ${seq})` }, () =>
    until(confirmBy, () => item.state !== 'pending' || isClosed(s), `Confirmation of entry ${seq}`),
  ).then((decided) => {
    if (!decided) escalate(ctx, 'event-to-confirm', 'escalation', facts, confirmBy);
  });
  return undefined;
}

function raiseConcern(ctx: ProgrammeContext, kind: string, by: string, at: string, eventId: string): void {
  // The event's id, so that a correction of its timeline entry finds the concern.
  const concern: Concern = { kind, at, by, eventId };
  ctx.state.concerns.push(concern);
  // Its escalation's number, so that acting on the one acts on the other.
  concern.escalationId = escalate(ctx, 'concern-raised', 'urgent', { concern: kind, raisedBy: by });
}
