/**
 * Plain questions about a programme's state, shared by the phases (what to wait for) and the
 * handlers (what to accept). Pure functions: easy to read, easy to test, safe to replay.
 */
import type { ConsentScope } from '../domain/programme.js';
import type { Concern, Escalation, ProgrammeStatus, ReferralCandidate } from '../domain/status.js';

export const isClosed = (s: ProgrammeStatus): boolean => s.stage === 'closed';
export const hasDeparted = (s: ProgrammeStatus): boolean => s.departedAt !== null;
export const asylumPending = (s: ProgrammeStatus): boolean => s.asylum === 'pending-dis' || s.asylum === 'pending-fln';

export function hasConsent(s: ProgrammeStatus, scope: ConsentScope): boolean {
  const consent = s.consent[scope];
  return consent !== null && consent.withdrawnAt === undefined;
}

/** Preparation starts when the risk and needs assessment is recorded and she agreed to sharing. */
export const readyToPrepare = (s: ProgrammeStatus): boolean => s.assessment !== null && hasConsent(s, 'sharing');

/** The partner currently being asked, if any. */
export function candidateBeingAsked(s: ProgrammeStatus): ReferralCandidate | undefined {
  return s.referral.candidates.find((c) => c.state === 'asked' || c.state === 'acknowledged');
}

export function acceptedPartner(s: ProgrammeStatus): ReferralCandidate | undefined {
  return s.referral.candidates.find((c) => c.state === 'accepted');
}

/** Every partner asked said no or nothing, and none is waiting to be asked. */
export function referralExhausted(s: ProgrammeStatus): boolean {
  return s.referral.exhaustedAt !== null && !s.referral.candidates.some((c) => ['waiting', 'asked', 'acknowledged', 'accepted'].includes(c.state));
}

/** A partner may speak for a programme only once it was asked about it (docs/design.md §3, gateway). */
export function partnerWasAsked(s: ProgrammeStatus, partnerId: string): boolean {
  return s.referral.candidates.some((c) => c.partnerId === partnerId && c.askedAt !== undefined);
}

export function isReceivingPartner(s: ProgrammeStatus, partnerId: string): boolean {
  return acceptedPartner(s)?.partnerId === partnerId;
}

/**
 * The date she must have left by: the reflection deadline, or later after a final asylum rejection;
 * none while asylum is pending (no departure may be planned then).
 */
export function departureDeadline(s: ProgrammeStatus, finalRejectionAt: string | null, windowAfterRejection: number): string | null {
  if (asylumPending(s) || s.asylum === 'granted') return null;
  if (finalRejectionAt === null) return s.reflection.deadline;
  const afterRejection = new Date(Date.parse(finalRejectionAt) + windowAfterRejection).toISOString();
  return Date.parse(afterRejection) > Date.parse(s.reflection.deadline) ? afterRejection : s.reflection.deadline;
}

/** The concern an escalation was raised for, if it was raised for one. */
export function concernOf(s: ProgrammeStatus, escalation: Escalation): Concern | undefined {
  return s.concerns.find((c) => c.escalationId === escalation.id);
}

/** Someone acted on an escalation: a supervisor acknowledged or resolved it, or an action was recorded on its concern. */
export function actedOn(s: ProgrammeStatus, escalation: Escalation): boolean {
  const concern = concernOf(s, escalation);
  return escalation.acknowledged !== undefined || escalation.resolvedAt !== null || (concern?.actions?.length ?? 0) > 0 || concern?.resolved !== undefined;
}
