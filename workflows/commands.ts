/**
 * Caseworker commands: what the programme makes of each. A command is checked synchronously by its
 * validator and refused with a reason that names the field and the rule, so a refused command
 * changes nothing and leaves no trace in the history.
 *
 * Each command of the catalogue (domain/commands.ts) has its rule here: `check` refuses (by throwing)
 * what its state does not allow, `apply` changes the state and says what to record. Reading the
 * payload, refusing commands to a closed programme and recording the command are done once, by
 * `onCommand`.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import { COMMANDS, type CommandName, type CommandResult, type ParsedCommand } from '../domain/commands.js';
import { dateTimeUtc, formatDuration } from '../domain/durations.js';
import type { ChildSafeguards, Concern, Escalation, TimelineEntry } from '../domain/status.js';
import { unreadableReason } from '../domain/unreadable.js';
import { describeProblems } from '../domain/validation.js';
import { now, publish, record, refreshDepartureDeadline, type ProgrammeContext } from './context.js';
import { updates } from './messages.js';
import { escalate, resolveEscalation, resolveEscalations } from './outreach.js';
import { childSafeguarded, missingChildSafeguards } from '../domain/childSafeguards.js';
import { acceptedPartner, asylumPending, candidateBeingAsked, concernOf, hasConsent, hasDeparted, isClosed, referralExhausted } from './rules.js';

interface CommandRule<N extends CommandName> {
  /** Throws the reason when the programme's state does not allow the command; runs only in the validator. */
  check?: (command: ParsedCommand<N>) => void;
  /** Applies the command: the answer, and who gave it (a caseworker unless said) with what to record in the timeline. */
  apply: (command: ParsedCommand<N>) => { result: CommandResult<N>; by: string; role?: 'supervisor'; detail?: TimelineEntry['detail'] };
}

function refuseIf(condition: boolean, reason: string): void {
  if (condition) throw new Error(reason);
}

export function installCommandHandlers(ctx: ProgrammeContext): void {
  const s = ctx.state;
  const beforeDeparture = (): void => refuseIf(hasDeparted(s), 'she has already departed');

  onCommand(ctx, 'extendReflection', {
    check: (command) => {
      beforeDeparture();
      refuseIf(Date.now() >= Date.parse(s.reflection.firstDeadline), `an extension must be asked before the first deadline ${s.reflection.firstDeadline}`);
      refuseIf(Date.parse(command.until) <= Date.parse(s.reflection.deadline), `until: must be after the current deadline ${s.reflection.deadline}`);
      refuseIf(
        Date.parse(command.until) > Date.parse(s.reflection.latestPossible),
        `until: the reflection period may last at most ${formatDuration(ctx.input.policy.maxReflectionPeriod).replace(/d$/, ' days')} in total, so no later than ${s.reflection.latestPossible}`,
      );
    },
    apply: (command) => {
      s.reflection.deadline = command.until;
      s.reflection.extended = true;
      refreshDepartureDeadline(ctx);
      return { result: { deadline: command.until }, by: command.by, detail: { until: command.until } };
    },
  });

  onCommand(ctx, 'recordAssessment', {
    check: beforeDeparture,
    apply: (command) => {
      const version = (s.assessment?.version ?? 0) + 1;
      s.assessment = { version, riskLevel: command.riskLevel, needs: command.needs, recordedAt: now() };
      return { result: { version }, by: command.by, detail: { version, riskLevel: command.riskLevel } };
    },
  });

  onCommand(ctx, 'recordPlan', {
    apply: (command) => {
      const version = (s.plan?.version ?? 0) + 1;
      s.plan = { version, elements: command.elements, supportMonths: command.supportMonths, recordedAt: now() };
      // After the handover, a new version is the plan's refinement with the partner.
      if (s.planRefinement && s.planRefinement.refinedAt === null) {
        s.planRefinement.refinedAt = s.plan.recordedAt;
        resolveEscalations(ctx, 'plan-not-refined');
      }
      return { result: { version }, by: command.by, detail: { version } };
    },
  });

  onCommand(ctx, 'recordConsent', {
    check: (command) => {
      refuseIf(hasConsent(s, command.scope), `scope: ${command.scope} consent is already recorded`);
      refuseIf(command.scope === 'participation', 'scope: participation was recorded when the programme opened; a withdrawal ends it');
    },
    apply: (command) => {
      s.consent[command.scope] = { ...command.consent };
      return { result: { scope: command.scope, at: command.consent.at }, by: command.consent.recordedBy, detail: { scope: command.scope } };
    },
  });

  const notInFuture = (field: string, at: string): void =>
    refuseIf(Date.parse(at) > Date.now() + ctx.input.policy.eventClockSkew, `${field}: must not be in the future`);
  const childsCase = (): ChildSafeguards => {
    refuseIf(s.childSafeguards === undefined, "the programme is not a child's: a guardian and a best-interests assessment are for a child's case (profile.child)");
    return s.childSafeguards!;
  };

  onCommand(ctx, 'recordGuardian', {
    check: (command) => {
      childsCase();
      beforeDeparture();
      notInFuture('appointedAt', command.appointedAt);
    },
    apply: (command) => {
      childsCase().guardian = { appointedAt: command.appointedAt, appointedBy: command.appointedBy, recordedBy: `caseworker:${command.by}` };
      return { result: { appointedAt: command.appointedAt }, by: command.by, detail: { appointedBy: command.appointedBy } };
    },
  });

  onCommand(ctx, 'recordBestInterests', {
    check: (command) => {
      childsCase();
      beforeDeparture();
      notInFuture('assessedAt', command.assessedAt);
    },
    apply: (command) => {
      const before = childSafeguarded(s);
      childsCase().bestInterests = { assessedAt: command.assessedAt, conclusion: command.conclusion, assessedBy: `caseworker:${command.by}` };
      // Found against the return once a partner was asked: travel stops (planTravel) and the supervisor decides.
      const partner = acceptedPartner(s) ?? candidateBeingAsked(s);
      if (command.conclusion === 'return-against-best-interests' && before && partner) {
        escalate(ctx, 'child-return-against-best-interests', 'escalation', { partnerId: partner.partnerId });
      }
      if (childSafeguarded(s)) resolveEscalations(ctx, 'child-return-against-best-interests');
      return { result: { conclusion: command.conclusion, referralMayStart: childSafeguarded(s) }, by: command.by, detail: { conclusion: command.conclusion } };
    },
  });

  onCommand(ctx, 'assignPartner', {
    check: () => {
      beforeDeparture();
      refuseIf(!childSafeguarded(s), `a child's referral needs ${missingChildSafeguards(s).join(' and ')} first`);
      const asked = candidateBeingAsked(s);
      refuseIf(acceptedPartner(s) !== undefined, `partner ${acceptedPartner(s)?.partnerId} has already accepted`);
      refuseIf(asked !== undefined, `the referral is still running: ${asked?.partnerId} is asked, answer due ${asked?.respondBy}`);
      refuseIf(!referralExhausted(s), 'partners can be assigned by hand when no partner for the country is left');
    },
    apply: (command) => {
      const existing = s.referral.candidates.find((c) => c.partnerId === command.partnerId);
      if (existing) {
        existing.state = 'waiting';
        existing.source = 'assigned';
      } else {
        s.referral.candidates.push({ partnerId: command.partnerId, source: 'assigned', state: 'waiting' });
      }
      s.referral.exhaustedAt = null;
      return { result: { partnerId: command.partnerId }, by: command.by, detail: { partnerId: command.partnerId } };
    },
  });

  onCommand(ctx, 'planTravel', {
    check: (command) => {
      beforeDeparture();
      refuseIf(asylumPending(s), 'travel cannot be planned while the asylum case is pending');
      refuseIf(s.asylum === 'granted', 'residence was granted: the return is off');
      refuseIf(acceptedPartner(s) === undefined, 'no partner has accepted the referral yet');
      refuseIf(!childSafeguarded(s), `a child's travel needs ${missingChildSafeguards(s).join(' and ')} first`);
      refuseIf(Date.parse(command.date) <= Date.now(), 'date: must be in the future');
      const deadline = s.departureDeadline;
      refuseIf(
        deadline !== null && s.enforcedReturnReferredAt === null && Date.parse(command.date) >= Date.parse(deadline),
        `date: must be before the departure deadline ${dateTimeUtc(deadline ?? '')}`,
      );
    },
    apply: (command) => {
      s.travel = { date: command.date, destination: command.destination, escort: command.escort, meetingPoint: command.meetingPoint };
      ctx.travelPlanVersion += 1;
      return {
        result: { date: command.date, departureDeadline: s.departureDeadline },
        by: command.by,
        detail: { date: command.date, destination: command.destination, escort: command.escort },
      };
    },
  });

  const toConfirm = (seq: number) => s.eventsToConfirm?.find((e) => e.seq === seq && e.state === 'pending');

  onCommand(ctx, 'confirmEvent', {
    check: (command) => {
      const item = toConfirm(command.seq);
      refuseIf(item === undefined, `seq: entry ${command.seq} is not an event waiting for confirmation`);
      if (command.decision === 'reject') return;
      refuseIf(hasDeparted(s), 'she has already departed');
      if (item!.kind === 'departureConfirmed') {
        refuseIf(asylumPending(s), 'asylum is pending: she may not be returned');
        refuseIf(s.asylum === 'granted', 'residence was granted: the return is off');
      } else {
        refuseIf(s.missingSince !== null, 'she is already reported missing');
      }
    },
    apply: (command) => {
      const item = toConfirm(command.seq)!;
      item.state = command.decision === 'confirm' ? 'confirmed' : 'rejected';
      item.decidedBy = `caseworker:${command.by}`;
      item.decidedAt = now();
      if (item.state === 'rejected') {
        (s.corrections ??= []).push({ seq: item.seq, kind: item.kind, by: item.decidedBy, at: item.decidedAt, reason: 'rejected' });
      } else if (item.kind === 'departureConfirmed') {
        s.departedAt = item.happenedAt;
        s.missingSince = null;
      } else {
        s.missingSince = item.happenedAt;
      }
      resolveEscalations(ctx, 'event-to-confirm');
      return { result: { seq: item.seq, state: item.state }, by: command.by, detail: { seq: item.seq, decision: command.decision } };
    },
  });

  onCommand(ctx, 'correctEvent', {
    check: (command) => {
      const entry = s.timeline[command.seq - 1];
      refuseIf(entry === undefined || entry.eventId === undefined, `seq: entry ${command.seq} is not an outside event`);
      refuseIf(entry!.result !== 'recorded', `seq: entry ${command.seq} was refused; it counts for nothing already`);
      refuseIf(s.corrections?.some((c) => c.seq === command.seq) === true, `seq: entry ${command.seq} was already corrected`);
      refuseIf(toConfirm(command.seq) !== undefined, `seq: entry ${command.seq} waits for confirmation: reject it with confirmEvent`);
      if (entry!.kind === 'concernRaised') return;
      const lastMissing = [...s.timeline].reverse().find((e) => e.kind === 'personMissing' && e.result === 'recorded');
      refuseIf(
        !(entry!.kind === 'personMissing' && s.missingSince !== null && lastMissing?.seq === command.seq),
        `seq: a ${entry!.kind} cannot be corrected; only a concern or the current missing report can`,
      );
    },
    apply: (command) => {
      const entry = s.timeline[command.seq - 1]!;
      if (entry.kind === 'concernRaised') {
        for (const concern of s.concerns) if (concern.eventId === entry.eventId) concern.correctedAt = now();
        if (s.concerns.every((c) => c.correctedAt !== undefined || c.resolved !== undefined)) resolveEscalations(ctx, 'concern-raised');
      } else {
        s.missingSince = null;
      }
      (s.corrections ??= []).push({ seq: command.seq, kind: entry.kind, by: `caseworker:${command.by}`, at: now(), reason: command.reason });
      return { result: { seq: command.seq, kind: entry.kind }, by: command.by, detail: { seq: command.seq, reason: command.reason } };
    },
  });

  const escalation = (id: number): Escalation => {
    const found = s.escalations.find((e) => e.id === id);
    refuseIf(found === undefined, `escalationId: there is no escalation ${id}`);
    refuseIf(found!.resolvedAt !== null, `escalationId: escalation ${id} is already resolved`);
    return found!;
  };

  // The caseload follows the CaseworkerId search attribute, and staff mail the programme's caseworker.
  onCommand(ctx, 'reassignProgramme', {
    check: (command) => refuseIf(command.caseworkerId === s.caseworkerId, `caseworkerId: the programme is already ${s.caseworkerId}'s`),
    apply: (command) => {
      const previous = s.caseworkerId;
      s.caseworkerId = command.caseworkerId;
      return { result: { caseworkerId: command.caseworkerId, previous }, by: command.by, role: 'supervisor', detail: { from: previous, to: command.caseworkerId } };
    },
  });

  onCommand(ctx, 'acknowledgeEscalation', {
    check: (command) => {
      const acknowledged = escalation(command.escalationId).acknowledged;
      refuseIf(acknowledged !== undefined, `escalationId: escalation ${command.escalationId} was already acknowledged by ${acknowledged?.by}`);
    },
    apply: (command) => {
      const acknowledged = { by: `supervisor:${command.by}`, at: now(), action: command.action };
      escalation(command.escalationId).acknowledged = acknowledged;
      return {
        result: { escalationId: command.escalationId, acknowledgedAt: acknowledged.at },
        by: command.by,
        role: 'supervisor',
        detail: { escalation: command.escalationId, action: command.action },
      };
    },
  });

  onCommand(ctx, 'resolveEscalation', {
    check: (command) => void escalation(command.escalationId),
    apply: (command) => {
      const resolved = escalation(command.escalationId);
      const resolution = { by: `supervisor:${command.by}`, at: now(), resolution: command.resolution };
      resolveEscalation(ctx, resolved, resolution);
      // A concern's escalation and the concern end together.
      const concern = concernOf(s, resolved);
      if (concern && concern.resolved === undefined) concern.resolved = resolution;
      return {
        result: { escalationId: resolved.id, resolvedAt: resolution.at, escalated: s.escalated },
        by: command.by,
        role: 'supervisor',
        detail: { escalation: resolved.id, resolution: command.resolution },
      };
    },
  });

  const concern = (n: number): Concern => {
    const found = s.concerns[n - 1];
    refuseIf(found === undefined, `concern: there is no concern ${n}`);
    refuseIf(found!.correctedAt !== undefined, `concern: concern ${n} was corrected as a mistake`);
    refuseIf(found!.resolved !== undefined, `concern: concern ${n} is already resolved`);
    return found!;
  };

  onCommand(ctx, 'recordConcernAction', {
    check: (command) => void concern(command.concern),
    apply: (command) => {
      const actions = (concern(command.concern).actions ??= []);
      actions.push({ by: `caseworker:${command.by}`, at: now(), action: command.action });
      return { result: { concern: command.concern, actions: actions.length }, by: command.by, detail: { concern: command.concern, action: command.action } };
    },
  });

  onCommand(ctx, 'resolveConcern', {
    check: (command) => void concern(command.concern),
    apply: (command) => {
      const resolved = concern(command.concern);
      const resolution = { by: `caseworker:${command.by}`, at: now(), resolution: command.resolution };
      resolved.resolved = resolution;
      const raised = s.escalations.find((e) => e.id === resolved.escalationId);
      if (raised) resolveEscalation(ctx, raised, resolution);
      // Concerns raised before they were numbered on their escalation: resolved together, when none is left.
      else if (s.concerns.every((c) => c.correctedAt !== undefined || c.resolved !== undefined)) resolveEscalations(ctx, 'concern-raised');
      return { result: { concern: command.concern, resolvedAt: resolution.at }, by: command.by, detail: { concern: command.concern, resolution: command.resolution } };
    },
  });

  onCommand(ctx, 'cancel', {
    check: () => refuseIf(ctx.interruption !== null, `the programme is already closing (${ctx.interruption?.outcome})`),
    apply: (command) => {
      ctx.interruption ??= { outcome: 'cancelled', at: now() };
      return { result: { outcome: 'cancelled' }, by: command.by, detail: { reason: command.reason } };
    },
  });
}

/**
 * Registers one command: its validator reads the payload, refuses it when the programme is closed,
 * then applies the command's own check; its handler (which on replay runs without the validator)
 * reads the payload again, applies it and records it. A bad payload is refused with the fields named.
 */
function onCommand<N extends CommandName>(ctx: ProgrammeContext, name: N, rule: CommandRule<N>): void {
  const read = (raw: unknown): ParsedCommand<N> => {
    const unreadable = unreadableReason(raw);
    if (unreadable !== undefined) throw new Error(`payload: could not be read (${unreadable})`);
    const parsed = COMMANDS[name].schema.safeParse(raw);
    if (!parsed.success) throw new Error(describeProblems(parsed.error).replace(/\n/g, '; '));
    return parsed.data as ParsedCommand<N>;
  };
  setHandler(
    updates[name] as UpdateDefinition<CommandResult<N>, [unknown]>,
    (raw) => {
      const { result, by, role, detail } = rule.apply(read(raw));
      record(ctx, { kind: name, by: `${role ?? 'caseworker'}:${by}`, result: 'recorded', ...(detail ? { detail } : {}) });
      publish(ctx);
      return result;
    },
    {
      description: COMMANDS[name].description,
      validator: (raw) => {
        const command = read(raw);
        refuseIf(isClosed(ctx.state), `the programme is closed (${ctx.state.outcome})`);
        rule.check?.(command);
      },
    },
  );
}
