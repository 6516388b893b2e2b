/**
 * The prepared return programme: one durable workflow per person (docs/design.md §2).
 *
 *   reflection → (asylum) → preparation and referral → travel → handover → follow-up → closed
 *
 * Residence granted, a withdrawal from the programme, absconding or a caseworker's cancellation
 * can end it early; every wait has a deadline, a reminder and someone who is told when it passes.
 */
import { ApplicationFailure, CancellationScope, condition, isCancellation, log, patched, workflowInfo } from '@temporalio/workflow';
import type { Outcome } from '../domain/outcomes.js';
import { isChild, ProgrammeInput, type Programme } from '../domain/programme.js';
import { addMs } from '../domain/durations.js';
import { STAGE_WORDS, type ProgrammeResult, type ProgrammeStatus } from '../domain/status.js';
import { describeProblems } from '../domain/validation.js';
import { note, now, publish, setStage, type ProgrammeContext } from './context.js';
import { followUp } from './followUp.js';
import { awaitHandover } from './handover.js';
import { allHandlersFinished, installHandlers } from './handlers.js';
import { allNotificationsSent, tellPartner, tellStaff } from './outreach.js';
import { watchPlanRefinement } from './planRefinement.js';
import { referToPartners } from './referral.js';
import { awaitReadinessToPrepare } from './reflection.js';
import { candidateBeingAsked, acceptedPartner, hasDeparted } from './rules.js';
import { planAndConfirmTravel } from './travel.js';
import { watchDepartureDeadline, watchForAbsconding } from './watchers.js';

export async function returnProgramme(rawInput: ProgrammeInput): Promise<ProgrammeResult> {
  const ctx = openProgramme(rawInput);

  const finished = await runUntil(() => runLifecycle(ctx), () => ctx.interruption !== null);
  const outcome = finished.done ? finished.value : await endEarly(ctx);

  return closeProgramme(ctx, outcome);
}

/** The whole way, when nothing ends it early. */
async function runLifecycle(ctx: ProgrammeContext): Promise<Outcome> {
  const { state } = ctx;
  const clocks = Promise.all([watchDepartureDeadline(ctx), watchForAbsconding(ctx)]);
  void clocks.catch(ignoreCancellation);

  // Before departure the phases follow one another; a confirmed departure skips what is left.
  await runUntil(async () => {
    await awaitReadinessToPrepare(ctx);
    await referToPartners(ctx);
    await planAndConfirmTravel(ctx);
  }, () => hasDeparted(state));
  note(ctx, 'departed', { at: state.departedAt! });

  if (!(await awaitHandover(ctx))) return 'returned-follow-up-incomplete';
  // Beside follow-up: the plan refined within the window after the handover. Programmes that were
  // received before this wait existed replay without it.
  if (patched(PLAN_REFINED_AFTER_HANDOVER)) void watchPlanRefinement(ctx).catch(ignoreCancellation);
  return followUp(ctx);
}

/** Patch id (docs/workflow-changes.md): after the handover the plan is refined within the policy window. */
const PLAN_REFINED_AFTER_HANDOVER = 'plan-refined-after-handover';

/** Residence granted, declined, absconded or cancelled: tell whoever was preparing to receive her. */
async function endEarly(ctx: ProgrammeContext): Promise<Outcome> {
  const { state, input } = ctx;
  const interruption = ctx.interruption!;
  note(ctx, 'endedEarly', { outcome: interruption.outcome });
  if (!hasDeparted(state)) {
    const partner = acceptedPartner(state) ?? candidateBeingAsked(state);
    if (partner) {
      const reason = interruption.outcome;
      await tellPartner(ctx, { kind: 'return-cancelled', partnerId: partner.partnerId, caseRef: input.caseRef, reason }, `Return cancelled → ${partner.partnerId}`);
    }
  }
  if (interruption.outcome === 'residence-granted') {
    tellStaff(ctx, { topic: 'residence-granted', audience: 'caseworker', severity: 'info' }, 'Residence granted → caseworker');
  }
  return interruption.outcome;
}

async function closeProgramme(ctx: ProgrammeContext, outcome: Outcome): Promise<ProgrammeResult> {
  const { state } = ctx;
  state.outcome = outcome;
  state.closedAt = now();
  state.deadlines = [];
  setStage(ctx, 'closed');
  publish(ctx);
  await allNotificationsSent(ctx);
  // Messages that arrived while closing are recorded (as refused) before the programme ends.
  await condition(allHandlersFinished);
  log.info('programme closed', { caseRef: state.caseRef, outcome });
  return { ...state, outcome };
}

/** Validates the input, builds the initial state and installs the handlers. */
function openProgramme(rawInput: ProgrammeInput): ProgrammeContext {
  const parsed = ProgrammeInput.safeParse(rawInput);
  if (!parsed.success) {
    // Invalid input can never become valid: fail the programme at once, naming the fields only.
    throw ApplicationFailure.nonRetryable(`programme input is not valid: ${describeProblems(parsed.error).replace(/\n/g, '; ')}`, 'InvalidProgrammeInput');
  }
  const input = parsed.data;
  const ctx: ProgrammeContext = {
    input,
    state: initialState(input),
    interruption: null,
    departureDeadlineVersion: 0,
    finalRejectionAt: null,
    travelPlanVersion: 0,
    inFlight: new Set(),
    published: {},
  };
  installHandlers(ctx);
  note(ctx, 'opened', { homeCountry: input.homeCountry, asylum: input.asylum });
  publish(ctx);
  return ctx;
}

function initialState(input: Programme): ProgrammeStatus {
  const openedAt = workflowInfo().startTime.toISOString();
  // The reflection period counts from the victim assessment, never from a date after the opening.
  const startsAt = Date.parse(input.victimAssessment.decidedAt) < Date.parse(openedAt) ? input.victimAssessment.decidedAt : openedAt;
  const firstDeadline = addMs(startsAt, input.policy.reflectionPeriod);
  const asylumPendingAtStart = input.asylum !== 'none';
  return {
    caseRef: input.caseRef,
    homeCountry: input.homeCountry,
    caseworkerId: input.caseworkerId,
    stage: 'reflection',
    stageWords: STAGE_WORDS.reflection,
    outcome: null,
    openedAt,
    closedAt: null,
    nextDeadline: null,
    deadlines: [],
    reflection: {
      startsAt,
      firstDeadline,
      deadline: firstDeadline,
      latestPossible: addMs(startsAt, input.policy.maxReflectionPeriod),
      extended: false,
    },
    departureDeadline: asylumPendingAtStart ? null : firstDeadline,
    asylum: input.asylum,
    profile: { sex: input.profile?.sex ?? null, ageBand: input.profile?.ageBand ?? null, child: isChild(input.profile) },
    ...(isChild(input.profile) ? { childSafeguards: { guardian: null, bestInterests: null } } : {}),
    consent: {
      participation: { ...input.consent.participation },
      sharing: input.consent.sharing ? { ...input.consent.sharing } : null,
      'follow-up': input.consent.followUp ? { ...input.consent.followUp } : null,
    },
    assessment: null,
    plan: null,
    partner: null,
    referral: { candidates: [], exhaustedAt: null },
    travel: null,
    departedAt: null,
    enforcedReturnReferredAt: null,
    missingSince: null,
    handover: { dueBy: null, confirmedAt: null },
    checkpoints: (['month-1', 'month-3', 'month-6', 'month-12'] as const).map((name) => ({ name, dueAt: null, reportBy: null, state: 'scheduled' as const })),
    concerns: [],
    escalations: [],
    escalated: false,
    duplicatesIgnored: 0,
    timeline: [],
  };
}

/**
 * Runs `work` in its own cancellation scope until it finishes or `stop()` becomes true; on a stop
 * the work is cancelled (its timers and activities with it) and the caller takes over.
 */
async function runUntil<T>(work: () => Promise<T>, stop: () => boolean): Promise<{ done: true; value: T } | { done: false }> {
  const scope = new CancellationScope();
  const working = scope.run(work);
  const winner = await Promise.race([
    working.then((value) => ({ done: true as const, value })),
    condition(stop).then(() => ({ done: false as const })),
  ]);
  if (!winner.done) {
    scope.cancel();
    await working.catch(ignoreCancellation);
  }
  return winner;
}

function ignoreCancellation(err: unknown): void {
  if (!isCancellation(err)) throw err;
}
