/**
 * Every message the programme accepts. Outside events (signals) are recorded in order: a repeated
 * `eventId` once, an event that does not fit the stage as *refused* with the reason; a handler
 * never throws, so a bad event can neither crash nor stall the programme. Caseworker commands
 * (updates) are checked synchronously by their validators and refused with a reason that names the
 * field and the rule.
 */
import { allHandlersFinished, setHandler, type SignalDefinition } from '@temporalio/workflow';
import type { z } from 'zod';
import * as Commands from '../domain/commands.js';
import { calendarDate, formatDuration } from '../domain/durations.js';
import * as Events from '../domain/events.js';
import type { EventName, Sender } from '../domain/events.js';
import { describeProblems } from '../domain/validation.js';
import { now, publish, record, type ProgrammeContext } from './context.js';
import * as Messages from './messages.js';
import { escalate, resolveEscalations } from './outreach.js';
import {
  acceptedPartner,
  asylumPending,
  candidateBeingAsked,
  departureDeadline,
  hasConsent,
  hasDeparted,
  isClosed,
  isReceivingPartner,
  partnerWasAsked,
  referralExhausted,
} from './rules.js';

export { allHandlersFinished };

type Refusal = string | undefined;

/** Installs every handler; `status` answers from the start. */
export function installHandlers(ctx: ProgrammeContext): void {
  setHandler(Messages.statusQuery, () => ctx.state, { description: 'Stage, deadlines, partner, checkpoints and the timeline.' });
  installEventHandlers(ctx);
  installCommandHandlers(ctx);
}

// ---------------------------------------------------------------------------------------------
// Outside events

function onEvent<S extends z.ZodType<{ eventId: string; at: string; sender: Sender }>>(
  ctx: ProgrammeContext,
  name: EventName,
  schema: S,
  apply: (event: z.output<S>) => Refusal,
  description: string,
): void {
  const definition = (Messages.signalsByName as Record<EventName, SignalDefinition<[unknown]>>)[name];
  setHandler(
    definition,
    (raw: unknown) => {
      const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { eventId?: unknown }).eventId === 'string' ? (raw as { eventId: string }).eventId : undefined;
      if (rawId !== undefined && ctx.state.timeline.some((e) => e.eventId === rawId)) {
        ctx.state.duplicatesIgnored += 1;
        return;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        record(ctx, { kind: name, ...(rawId ? { eventId: rawId } : {}), by: 'unknown', result: 'refused', reason: describeProblems(parsed.error).replace(/\n/g, '; ') });
        return;
      }
      const event = parsed.data;
      const by = `${event.sender.role}:${event.sender.id}`;
      const allowed: ReadonlyArray<string> = Events.EVENT_SENDERS[name];
      // The gateway's event ids are `<webhook-id>:<body digest>`: the same webhook-id with another
      // digest is a sender re-using an id for different content, which is kept and flagged.
      const webhookId = event.eventId.includes(':') ? event.eventId.split(':')[0] : undefined;
      const reused = webhookId ? ctx.state.timeline.find((e) => e.eventId?.split(':')[0] === webhookId) : undefined;
      let refusal: Refusal;
      if (reused) refusal = `eventId: this webhook-id was used before (event ${reused.seq}) for a different body`;
      else if (!allowed.includes(event.sender.role)) refusal = `sender: a ${event.sender.role} may not send ${name}`;
      else if (isClosed(ctx.state)) refusal = `the programme is closed (${ctx.state.outcome})`;
      else refusal = apply(event);
      record(ctx, { kind: name, eventId: event.eventId, by, result: refusal ? 'refused' : 'recorded', ...(refusal ? { reason: refusal } : {}), detail: { happenedAt: event.at } });
      publish(ctx);
    },
    { description },
  );
}

function installEventHandlers(ctx: ProgrammeContext): void {
  const s = ctx.state;

  onEvent(ctx, 'asylumApplied', Events.AsylumApplied, () => {
    if (hasDeparted(s)) return 'she has already left Denmark';
    if (s.asylum !== 'none') return `asylum is already ${s.asylum}`;
    s.asylum = 'pending-dis';
    refreshDepartureDeadline(ctx);
  }, 'She applied for asylum: the Immigration Service (DIS) decides; no departure while pending.');

  onEvent(ctx, 'asylumDecision', Events.AsylumDecision, (event) => {
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
  }, 'A decision of DIS or FLN: §7(1) convention, §7(2) protection, §7(3) temporary protection, or rejected.');

  onEvent(ctx, 'caseReopened', Events.CaseReopened, () => {
    if (hasDeparted(s)) return undefined; // recorded: FLN may reopen even after departure
    if (s.asylum !== 'rejected-final') return `there is no final asylum decision to reopen (asylum is ${s.asylum})`;
    s.asylum = 'pending-fln';
    ctx.finalRejectionAt = null;
    refreshDepartureDeadline(ctx);
  }, 'The Refugee Appeals Board reopened the asylum case.');

  onEvent(ctx, 'referralAcknowledged', Events.ReferralAcknowledged, (event) => {
    const candidate = candidateBeingAsked(s);
    if (!candidate || candidate.partnerId !== event.sender.id) return 'sender: no open referral to this partner';
    if (candidate.state === 'acknowledged') return 'the referral was already acknowledged';
    candidate.state = 'acknowledged';
    candidate.acknowledgedAt = event.at;
  }, 'A partner received the referral: receipt, key contact and alternate.');

  onEvent(ctx, 'referralAnswered', Events.ReferralAnswered, (event) => {
    const candidate = candidateBeingAsked(s);
    if (!candidate || candidate.partnerId !== event.sender.id) return 'sender: no open referral to this partner';
    candidate.state = event.answer === 'accept' ? 'accepted' : 'declined';
    candidate.answeredAt = event.at;
    if (event.answer === 'accept') s.partner = { id: candidate.partnerId, state: 'accepted' };
  }, 'A partner accepted or declined the referral.');

  onEvent(ctx, 'handoverConfirmed', Events.HandoverConfirmed, (event) => {
    if (!isReceivingPartner(s, event.sender.id)) return 'sender: only the receiving partner confirms the handover';
    if (!hasDeparted(s)) return 'she has not departed yet';
    if (s.handover.confirmedAt !== null) return 'the handover was already confirmed';
    s.handover.confirmedAt = event.at;
    resolveEscalations(ctx, 'handover-missing');
  }, 'The receiving partner confirms she was received.');

  onEvent(ctx, 'followUpReported', Events.FollowUpReported, (event) => {
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
  }, 'A follow-up report from the receiving partner at a checkpoint.');

  onEvent(ctx, 'concernRaised', Events.ConcernRaised, (event) => {
    if (event.sender.role === 'partner' && !partnerWasAsked(s, event.sender.id)) return 'sender: this partner was not asked about this programme';
    raiseConcern(ctx, event.kind, `${event.sender.role}:${event.sender.id}`, event.at);
  }, 'A concern: threats, contact from traffickers or creditors, lost contact, suspected re-trafficking.');

  onEvent(ctx, 'departureConfirmed', Events.DepartureConfirmed, (event) => {
    if (hasDeparted(s)) return 'the departure was already confirmed';
    if (asylumPending(s)) return 'asylum is pending: she may not be returned';
    if (s.asylum === 'granted') return 'residence was granted: the return is off';
    s.departedAt = event.at;
    s.missingSince = null;
  }, 'The Return Agency or the caseworker confirms she departed.');

  onEvent(ctx, 'personMissing', Events.PersonMissing, (event) => {
    if (hasDeparted(s)) return 'after return, report lost contact as a concern (concernRaised)';
    if (event.sender.role === 'partner' && !partnerWasAsked(s, event.sender.id)) return 'sender: this partner was not asked about this programme';
    if (event.state === 'missing') {
      if (s.missingSince !== null) return 'she is already reported missing';
      s.missingSince = event.at;
    } else {
      if (s.missingSince === null) return 'she was not reported missing';
      s.missingSince = null;
    }
  }, 'She is missing, or found again.');

  onEvent(ctx, 'consentWithdrawn', Events.ConsentWithdrawn, (event) => {
    if (event.sender.role === 'partner' && !isReceivingPartner(s, event.sender.id)) return 'sender: only the receiving partner may pass on a withdrawal';
    const consent = s.consent[event.scope];
    if (!consent || consent.withdrawnAt !== undefined) return `scope: there is no ${event.scope} consent to withdraw`;
    consent.withdrawnAt = event.at;
    // Participation is voluntary: withdrawing it before departure ends the programme as declined.
    if (event.scope === 'participation' && !hasDeparted(s)) ctx.interruption ??= { outcome: 'declined', at: now() };
  }, 'She withdrew a consent: participation, sharing with partners or follow-up. Nothing earlier is deleted.');
}

function raiseConcern(ctx: ProgrammeContext, kind: string, by: string, at: string): void {
  ctx.state.concerns.push({ kind, at, by });
  escalate(ctx, 'concern-raised', 'urgent', { concern: kind });
}

/** Recomputes the departure deadline after an extension or an asylum event; waits on it restart. */
export function refreshDepartureDeadline(ctx: ProgrammeContext): void {
  const next = departureDeadline(ctx.state, ctx.finalRejectionAt, ctx.input.policy.departureWindowAfterRejection);
  if (next !== ctx.state.departureDeadline) {
    ctx.state.departureDeadline = next;
    ctx.departureDeadlineVersion += 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Caseworker commands

/** Parses a command or throws an error whose message names the field and the rule. */
function parseCommand<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(describeProblems(parsed.error).replace(/\n/g, '; '));
  return parsed.data;
}

function refuseIf(condition: boolean, reason: string): void {
  if (condition) throw new Error(reason);
}

function installCommandHandlers(ctx: ProgrammeContext): void {
  const s = ctx.state;
  const commandRecorded = (kind: string, by: string, detail?: Record<string, string | number | boolean | string[]>): void => {
    record(ctx, { kind, by: `caseworker:${by}`, result: 'recorded', ...(detail ? { detail } : {}) });
    publish(ctx);
  };
  const open = (): void => refuseIf(isClosed(s), `the programme is closed (${s.outcome})`);
  const beforeDeparture = (): void => refuseIf(hasDeparted(s), 'she has already departed');

  setHandler(
    Messages.extendReflectionUpdate,
    (raw) => {
      const command = parseCommand(Commands.ExtendReflection, raw);
      s.reflection.deadline = command.until;
      s.reflection.extended = true;
      refreshDepartureDeadline(ctx);
      commandRecorded('extendReflection', command.by, { until: command.until });
      return { deadline: command.until };
    },
    {
      description: 'Extend the reflection period (asked before the first deadline; at most 120 days in total).',
      validator: (raw) => {
        const command = parseCommand(Commands.ExtendReflection, raw);
        open();
        beforeDeparture();
        refuseIf(Date.now() >= Date.parse(s.reflection.firstDeadline), `an extension must be asked before the first deadline ${s.reflection.firstDeadline}`);
        refuseIf(Date.parse(command.until) <= Date.parse(s.reflection.deadline), `until: must be after the current deadline ${s.reflection.deadline}`);
        refuseIf(
          Date.parse(command.until) > Date.parse(s.reflection.latestPossible),
          `until: the reflection period may last at most ${formatDuration(ctx.input.policy.maxReflectionPeriod).replace(/d$/, ' days')} in total, so no later than ${s.reflection.latestPossible}`,
        );
      },
    },
  );

  setHandler(
    Messages.recordAssessmentUpdate,
    (raw) => {
      const command = parseCommand(Commands.RecordAssessment, raw);
      const version = (s.assessment?.version ?? 0) + 1;
      s.assessment = { version, riskLevel: command.riskLevel, needs: command.needs, recordedAt: now() };
      commandRecorded('recordAssessment', command.by, { version, riskLevel: command.riskLevel });
      return { version };
    },
    {
      description: 'Record the risk and needs assessment (a new version each time).',
      validator: (raw) => {
        parseCommand(Commands.RecordAssessment, raw);
        open();
        beforeDeparture();
      },
    },
  );

  setHandler(
    Messages.recordPlanUpdate,
    (raw) => {
      const command = parseCommand(Commands.RecordPlan, raw);
      const version = (s.plan?.version ?? 0) + 1;
      s.plan = { version, elements: command.elements, supportMonths: command.supportMonths, recordedAt: now() };
      commandRecorded('recordPlan', command.by, { version });
      return { version };
    },
    {
      description: 'Record the reintegration plan (a new version each time; refined within a month of arrival).',
      validator: (raw) => {
        parseCommand(Commands.RecordPlan, raw);
        open();
      },
    },
  );

  setHandler(
    Messages.recordConsentUpdate,
    (raw) => {
      const command = parseCommand(Commands.RecordConsent, raw);
      s.consent[command.scope] = { ...command.consent };
      commandRecorded('recordConsent', command.consent.recordedBy, { scope: command.scope });
      return { scope: command.scope, at: command.consent.at };
    },
    {
      description: 'Record a consent she gave: participation, sharing with partners, or follow-up.',
      validator: (raw) => {
        const command = parseCommand(Commands.RecordConsent, raw);
        open();
        refuseIf(hasConsent(s, command.scope), `scope: ${command.scope} consent is already recorded`);
        refuseIf(command.scope === 'participation', 'scope: participation was recorded when the programme opened; a withdrawal ends it');
      },
    },
  );

  setHandler(
    Messages.assignPartnerUpdate,
    (raw) => {
      const command = parseCommand(Commands.AssignPartner, raw);
      const existing = s.referral.candidates.find((c) => c.partnerId === command.partnerId);
      if (existing) {
        existing.state = 'waiting';
        existing.source = 'assigned';
      } else {
        s.referral.candidates.push({ partnerId: command.partnerId, source: 'assigned', state: 'waiting' });
      }
      s.referral.exhaustedAt = null;
      commandRecorded('assignPartner', command.by, { partnerId: command.partnerId });
      return { partnerId: command.partnerId };
    },
    {
      description: 'Assign a partner by hand when no partner for the country is left; the referral resumes with it.',
      validator: (raw) => {
        parseCommand(Commands.AssignPartner, raw);
        open();
        beforeDeparture();
        const asked = candidateBeingAsked(s);
        refuseIf(acceptedPartner(s) !== undefined, `partner ${acceptedPartner(s)?.partnerId} has already accepted`);
        refuseIf(asked !== undefined, `the referral is still running: ${asked?.partnerId} is asked, answer due ${asked?.respondBy}`);
        refuseIf(!referralExhausted(s), 'partners can be assigned by hand when no partner for the country is left');
      },
    },
  );

  setHandler(
    Messages.planTravelUpdate,
    (raw) => {
      const command = parseCommand(Commands.PlanTravel, raw);
      s.travel = { date: command.date, destination: command.destination, escort: command.escort, meetingPoint: command.meetingPoint };
      ctx.travelPlanVersion += 1;
      commandRecorded('planTravel', command.by, { date: command.date, destination: command.destination, escort: command.escort });
      return { date: command.date, departureDeadline: s.departureDeadline };
    },
    {
      description: 'Plan the travel: after a partner accepted and before the departure deadline.',
      validator: (raw) => {
        const command = parseCommand(Commands.PlanTravel, raw);
        open();
        beforeDeparture();
        refuseIf(asylumPending(s), 'travel cannot be planned while the asylum case is pending');
        refuseIf(s.asylum === 'granted', 'residence was granted: the return is off');
        refuseIf(acceptedPartner(s) === undefined, 'no partner has accepted the referral yet');
        refuseIf(Date.parse(command.date) <= Date.now(), 'date: must be in the future');
        const deadline = s.departureDeadline;
        refuseIf(
          deadline !== null && s.enforcedReturnReferredAt === null && Date.parse(command.date) >= Date.parse(deadline),
          `date: must be before the departure deadline ${calendarDate(deadline ?? '')}`,
        );
      },
    },
  );

  setHandler(
    Messages.cancelUpdate,
    (raw) => {
      const command = parseCommand(Commands.Cancel, raw);
      ctx.interruption ??= { outcome: 'cancelled', at: now() };
      commandRecorded('cancel', command.by, { reason: command.reason });
      return { outcome: 'cancelled' as const };
    },
    {
      description: 'Close the programme by hand, with a reason.',
      validator: (raw) => {
        parseCommand(Commands.Cancel, raw);
        open();
        refuseIf(ctx.interruption !== null, `the programme is already closing (${ctx.interruption?.outcome})`);
      },
    },
  );
}
