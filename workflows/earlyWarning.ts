/**
 * An early warning nobody else gives (docs/design.md §2.3). When a partner is asked, the programme
 * compares what that partner usually takes to answer (measured in the evaluation ledger, or the
 * policy's response window when there is no measure) with the time left before the departure
 * deadline. When the answer would come too late, the caseworker hears it at once, while the
 * reflection period can still be extended: "an answer is unlikely before the deadline; ask for the
 * extension before <date>".
 */
import { isCancellation, log, patched, proxyActivities } from '@temporalio/workflow';
import { MEASURED_AFTER_ANSWERS, type AnswerTimeActivities } from '../domain/ledger/answerTimes.js';
import { addMs, formatDuration } from '../domain/durations.js';
import type { EarlyWarning, ReferralCandidate } from '../domain/status.js';
import { note, now, publish, type ProgrammeContext } from './context.js';
import { tellStaff } from './outreach.js';

/** Patch id (docs/workflow-changes.md): a partner's usual answer time is checked against the departure deadline. */
const EARLY_WARNING = 'early-warning-answer-unlikely';

const { usualAnswerTimes } = proxyActivities<AnswerTimeActivities>({
  summary: 'Usual answer time',
  startToCloseTimeout: '10s',
  // A ledger that cannot be read costs the measure, not the warning: the policy window stands in.
  retry: { initialInterval: '1s', maximumAttempts: 3 },
});

/**
 * Whether the warning is to be weighed for this partner: there is a departure deadline to be late
 * for (none while asylum is pending), and the programme runs with the warning. Asked synchronously,
 * so programmes that ran before the warning existed replay without even one more await.
 */
export function earlyWarningApplies(ctx: ProgrammeContext, candidate: ReferralCandidate): boolean {
  return ctx.state.departureDeadline !== null && candidate.askedAt !== undefined && patched(EARLY_WARNING);
}

/** Once `earlyWarningApplies`: the partner's usual time, and the warning when it ends after the departure deadline. */
export async function warnIfAnswerUnlikely(ctx: ProgrammeContext, candidate: ReferralCandidate): Promise<void> {
  const { state } = ctx;
  const usual = await usualAnswerTime(ctx, candidate.partnerId);
  const departureDeadline = state.departureDeadline;
  if (departureDeadline === null || ['accepted', 'declined'].includes(candidate.state)) return;
  const expectedAnswerBy = addMs(candidate.askedAt!, usual.ms);
  if (Date.parse(expectedAnswerBy) <= Date.parse(departureDeadline)) return;

  // An extension helps only while it may still be asked for and when the longest one reaches the answer.
  const { reflection } = state;
  const extensionHelps =
    Date.parse(now()) < Date.parse(reflection.firstDeadline) &&
    Date.parse(reflection.deadline) < Date.parse(reflection.latestPossible) &&
    Date.parse(expectedAnswerBy) <= Date.parse(reflection.latestPossible);
  // Until the answer and the time the caseworker is usually given before a deadline, at most the longest allowed.
  const wanted = addMs(expectedAnswerBy, ctx.input.policy.deadlineReminderBefore);
  const extendUntil = Date.parse(wanted) < Date.parse(reflection.latestPossible) ? wanted : reflection.latestPossible;
  const warning: EarlyWarning = {
    at: now(),
    partnerId: candidate.partnerId,
    expectedAnswerBy,
    basis: usual.basis,
    departureDeadline,
    askExtensionBy: extensionHelps ? reflection.firstDeadline : null,
    extendUntil: extensionHelps ? extendUntil : null,
  };
  (state.earlyWarnings ??= []).push(warning);
  note(ctx, 'earlyWarning', {
    partnerId: warning.partnerId,
    expectedAnswerBy,
    basis: warning.basis,
    departureDeadline,
    ...(warning.askExtensionBy ? { askExtensionBy: warning.askExtensionBy } : {}),
  });
  publish(ctx);
  tellStaff(
    ctx,
    {
      topic: 'answer-unlikely-before-deadline',
      audience: 'caseworker',
      severity: 'reminder',
      ...(warning.askExtensionBy ? { dueAt: warning.askExtensionBy } : {}),
      facts: {
        partnerId: candidate.partnerId,
        usualAnswer: formatDuration(roughly(usual.ms)),
        basis: usual.basis,
        expectedBy: expectedAnswerBy,
        departureDeadline,
        ...(warning.extendUntil ? { extendUntil: warning.extendUntil } : {}),
      },
    },
    `Answer unlikely before the deadline → caseworker`,
  );
}

/** The partner's measured usual time, or the policy's response window without enough answers to measure. */
async function usualAnswerTime(ctx: ProgrammeContext, partnerId: string): Promise<{ ms: number; basis: EarlyWarning['basis'] }> {
  const window = { ms: ctx.input.policy.referralResponseWindow, basis: 'policy-window' as const };
  try {
    const measured = (await usualAnswerTimes({ partnerIds: [partnerId] }))[partnerId];
    return measured && measured.answers >= MEASURED_AFTER_ANSWERS ? { ms: measured.usualMs, basis: 'measured' } : window;
  } catch (err) {
    // The referral stopped while it was being read (she departed, the programme ends): so does the warning.
    if (isCancellation(err)) throw err;
    log.warn('usual answer time unavailable: the response window stands in', { partnerId });
    return window;
  }
}

/** A measured median to the hour (to the second under an hour): what the mail says, not the milliseconds. */
function roughly(ms: number): number {
  const unit = ms >= 3_600_000 ? 3_600_000 : 1000;
  return Math.max(unit, Math.round(ms / unit) * unit);
}
