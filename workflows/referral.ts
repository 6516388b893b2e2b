/**
 * Referral (docs/design.md §2.3): ask the partners for her country in order, each within the response
 * window with a reminder at half-window; a decline or silence moves to the next; when none is left
 * the supervisor is told and the programme waits for a caseworker to assign a partner by hand.
 * Nothing about her goes to a partner before her consent to share is recorded.
 */
import { condition, patched } from '@temporalio/workflow';
import { addMs } from '../domain/durations.js';
import { note, now, publish, setStage, until, withDeadline, type ProgrammeContext } from './context.js';
import { earlyWarningApplies, warnIfAnswerUnlikely } from './earlyWarning.js';
import { escalate, findPartners, resolveEscalations, tellPartner } from './outreach.js';
import { childSafeguarded, missingChildSafeguards } from '../domain/childSafeguards.js';
import { acceptedPartner, hasConsent } from './rules.js';
import type { CandidateState, ReferralCandidate } from '../domain/status.js';

export async function referToPartners(ctx: ProgrammeContext): Promise<void> {
  const { state } = ctx;
  setStage(ctx, 'preparation');
  if (state.referral.candidates.length === 0) {
    const partners = await findPartners(ctx);
    state.referral.candidates = partners
      .filter((p) => p.capabilities.includes('reception'))
      .map((p) => ({ partnerId: p.id, source: 'directory' as const, state: 'waiting' as const }));
    note(ctx, 'partnersFound', { partners: state.referral.candidates.map((c) => c.partnerId) });
  }

  while (!acceptedPartner(state)) {
    const next = state.referral.candidates.find((c) => c.state === 'waiting');
    if (!next) {
      await awaitPartnerAssignedByHand(ctx);
      continue;
    }
    await askPartner(ctx, next);
  }
  state.partner = { id: acceptedPartner(state)!.partnerId, state: 'accepted' };
  publish(ctx);
}

/** Patch id (docs/workflow-changes.md): a child's referral waits for a guardian and a best-interests assessment. */
const CHILD_SAFEGUARDS_BEFORE_REFERRAL = 'child-safeguards-before-referral';

/** One partner: send the referral, remind at half-window, take the answer or move on at the end. */
async function askPartner(ctx: ProgrammeContext, candidate: ReferralCandidate): Promise<void> {
  const { state, input } = ctx;
  // A child is referred only with a guardian and a best-interests assessment for the return (only
  // a child's case waits here, and those opened after the profile existed).
  if (!childSafeguarded(state) && patched(CHILD_SAFEGUARDS_BEFORE_REFERRAL)) {
    note(ctx, 'referralWaitsForChildSafeguards', { partnerId: candidate.partnerId, missing: missingChildSafeguards(state) });
    await condition(() => childSafeguarded(state));
  }
  if (!hasConsent(state, 'sharing')) {
    note(ctx, 'referralWaitsForConsent', { partnerId: candidate.partnerId });
    await condition(() => hasConsent(state, 'sharing'));
  }
  const window = input.policy.referralResponseWindow;
  const respondBy = addMs(now(), window);
  // The partner counts as asked before the request leaves: one that answers at once (even before
  // our delivery is recorded) is then heard by the gateway and by the handlers.
  candidate.state = 'asked';
  candidate.askedAt = now();
  candidate.respondBy = respondBy;
  state.partner = { id: candidate.partnerId, state: 'asked' };
  publish(ctx);
  const delivered = await tellPartner(
    ctx,
    {
      kind: 'referral-request',
      partnerId: candidate.partnerId,
      caseRef: input.caseRef,
      respondBy,
      referral: {
        homeCountry: input.homeCountry,
        riskLevel: state.assessment?.riskLevel as 'low' | 'medium' | 'high',
        needs: state.assessment?.needs ?? [],
        earliestDeparture: null,
        departureDeadline: state.departureDeadline ?? state.reflection.deadline,
        ...(state.childSafeguards ? { child: true as const } : {}),
      },
    },
    `Referral request → ${candidate.partnerId}`,
  );
  // A partner that answered meanwhile evidently has the request, whatever the delivery reported.
  if (!delivered && (candidate.state as CandidateState) === 'asked') {
    candidate.state = 'undeliverable';
    state.partner = null;
    publish(ctx);
    escalate(ctx, 'referral-undeliverable', 'escalation', { partnerId: candidate.partnerId });
    return;
  }

  if (earlyWarningApplies(ctx, candidate)) await warnIfAnswerUnlikely(ctx, candidate);

  const answered = (): boolean => ['accepted', 'declined'].includes(candidate.state);
  const reminderAt = addMs(candidate.askedAt, Math.floor(window / 2));
  await withDeadline(ctx, { key: 'referral', at: respondBy, what: `answer from ${candidate.partnerId}` }, async () => {
    if (!(await until(reminderAt, answered, `Half-window: ${candidate.partnerId}`))) {
      await tellPartner(ctx, { kind: 'referral-reminder', partnerId: candidate.partnerId, caseRef: input.caseRef, respondBy }, `Referral reminder → ${candidate.partnerId}`);
    }
    await until(respondBy, answered, `Answer from ${candidate.partnerId}`);
  });

  const outcome = candidate.state as CandidateState; // changed by the answer's handler while we waited
  if (outcome === 'accepted') return;
  if (outcome === 'declined') {
    state.partner = null;
    return;
  }
  // Silence: the referral is withdrawn so the partner does not prepare for a woman who will not come.
  candidate.state = 'no-answer';
  state.partner = null;
  note(ctx, 'referralUnanswered', { partnerId: candidate.partnerId });
  await tellPartner(ctx, { kind: 'return-cancelled', partnerId: candidate.partnerId, caseRef: input.caseRef, reason: 'partner-replaced' }, `Referral withdrawn → ${candidate.partnerId}`);
}

/** No partner left: the supervisor is told; a caseworker's `assignPartner` resumes the referral. */
async function awaitPartnerAssignedByHand(ctx: ProgrammeContext): Promise<void> {
  const { state } = ctx;
  state.referral.exhaustedAt = now();
  escalate(ctx, 'referral-exhausted', 'escalation', { country: ctx.input.homeCountry });
  await condition(() => state.referral.candidates.some((c) => c.state === 'waiting'));
  state.referral.exhaustedAt = null;
  resolveEscalations(ctx, 'referral-exhausted');
}
