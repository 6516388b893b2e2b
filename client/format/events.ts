/** What each timeline entry means, in words; unknown kinds are shown as they are. */
const WORDS: Record<string, string> = {
  // Outside events
  asylumApplied: 'Asylum applied for',
  asylumDecision: 'Asylum decision',
  caseReopened: 'Asylum case reopened',
  referralAcknowledged: 'Partner acknowledged the referral',
  referralAnswered: 'Partner answered the referral',
  handoverConfirmed: 'Partner confirmed the person was received',
  followUpReported: 'Follow-up report',
  concernRaised: 'Concern raised',
  departureConfirmed: 'Departure confirmed',
  personMissing: 'Missing / found',
  consentWithdrawn: 'Consent withdrawn',
  // Caseworker commands
  extendReflection: 'Reflection period extended',
  recordAssessment: 'Assessment recorded',
  recordPlan: 'Reintegration plan recorded',
  recordConsent: 'Consent recorded',
  recordGuardian: 'Guardian recorded',
  recordBestInterests: 'Best-interests assessment recorded',
  assignPartner: 'Partner assigned by hand',
  planTravel: 'Travel planned',
  reassignProgramme: 'Given to another caseworker',
  acknowledgeEscalation: 'Escalation acknowledged',
  resolveEscalation: 'Escalation resolved by a supervisor',
  recordConcernAction: 'Action on a concern recorded',
  resolveConcern: 'Concern resolved',
  cancel: 'Programme cancelled',
  // What the programme did
  opened: 'Programme opened',
  stageEntered: 'Stage entered',
  partnersFound: 'Partners found for the country',
  partnerContacted: 'Partner contacted',
  partnerUnreachable: 'Partner could not be reached',
  referralWaitsForConsent: 'Referral waits for consent to share',
  referralWaitsForChildSafeguards: "Referral waits for the child's guardian and best-interests assessment",
  earlyWarning: 'Early warning: an answer is unlikely before the deadline',
  referralUnanswered: 'Partner did not answer in time',
  travelPlanSuspended: 'Travel plan suspended',
  departed: 'Departed',
  enforcedReturnReferral: 'Enforced return referral',
  checkpointMissed: 'Checkpoint report missed',
  followUpStopped: 'Follow-up stopped',
  escalated: 'Escalated',
  escalationResolved: 'Escalation resolved',
  escalationReminded: 'Supervisors reminded of an unacknowledged escalation',
  planNotRefined: 'Plan not refined in time',
  staffNotified: 'Staff notified',
  staffNotificationFailed: 'Staff notification failed',
  endedEarly: 'Ended early',
};

export function eventWords(kind: string): string {
  return WORDS[kind] ?? kind;
}

/** `outcome=cancelled, partner=ngo-ro-1`: the entry's codes and dates, compact. */
export function detailText(detail: Record<string, string | number | boolean | string[]> | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([key]) => key !== 'happenedAt')
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}
