/**
 * What a programme waits for and who must act, read from its status: the question a caseworker asks
 * first when she opens a case. One answer, the most pressing.
 */
import { childSafeguarded } from '../domain/childSafeguards.js';
import type { ProgrammeStatus } from '../domain/status.js';

export type Waiting = 'assessment' | 'sharingConsent' | 'childSafeguards' | 'partnerAnswer' | 'partnerExhausted' | 'asylum' | 'travelPlan' | 'departure' | 'handover' | 'followUp' | 'reflection' | 'nothing';
export type WhoActs = 'caseworker' | 'partner' | 'authority' | 'nobody';

export function waitingFor(status: ProgrammeStatus): { what: Waiting; who: WhoActs } {
  if (status.stage === 'closed' || status.closedAt) return { what: 'nothing', who: 'nobody' };
  if (status.stage === 'asylum') return { what: 'asylum', who: 'authority' };
  if (status.stage === 'handover') return { what: 'handover', who: 'partner' };
  if (status.stage === 'follow-up') return { what: 'followUp', who: 'partner' };
  if (status.stage === 'travel') return status.travel ? { what: 'departure', who: 'caseworker' } : { what: 'travelPlan', who: 'caseworker' };
  if (!status.assessment) return { what: 'assessment', who: 'caseworker' };
  if (!status.consent.sharing || status.consent.sharing.withdrawnAt) return { what: 'sharingConsent', who: 'caseworker' };
  if (!childSafeguarded(status)) return { what: 'childSafeguards', who: 'caseworker' };
  if (status.referral.exhaustedAt) return { what: 'partnerExhausted', who: 'caseworker' };
  if (status.referral.candidates.some((c) => c.state === 'asked' || c.state === 'acknowledged' || c.state === 'waiting')) return { what: 'partnerAnswer', who: 'partner' };
  return { what: 'reflection', who: 'caseworker' };
}
