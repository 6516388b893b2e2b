/** Valid activity inputs for tests, in the shapes domain/notifications.ts defines. */
import type { PartnerMessage, StaffNotification } from '../../domain/notifications.js';

export function referralRequest(partnerId: string, caseRef = 'TST-2026-0042'): PartnerMessage {
  return {
    kind: 'referral-request',
    partnerId,
    caseRef,
    respondBy: '2027-01-20T12:00:00Z',
    referral: {
      homeCountry: 'RO',
      riskLevel: 'high',
      needs: ['housing', 'medical-care', 'legal-aid'],
      earliestDeparture: '2027-02-01T00:00:00Z',
      departureDeadline: '2027-03-15T00:00:00Z',
    },
  };
}

/** The wire `type` of each message of everyPartnerMessage(), in its order, as docs/partner-api.md names them. */
export const EVERY_MESSAGE_TYPE = ['referral.requested', 'referral.reminder', 'arrival.notice', 'follow-up.requested', 'follow-up.reminder', 'return.cancelled'];

/** One message of every kind, for a partner. */
export function everyPartnerMessage(partnerId: string, caseRef = 'TST-2026-0042'): PartnerMessage[] {
  const base = { partnerId, caseRef };
  return [
    referralRequest(partnerId, caseRef),
    { kind: 'referral-reminder', ...base, respondBy: '2027-01-20T12:00:00Z' },
    {
      kind: 'arrival-notice',
      ...base,
      travel: { date: '2027-02-10T14:05:00Z', destination: 'OTP', escort: true, meetingPoint: 'arrivals-hall' },
      confirmHandoverBy: '2027-02-12T14:05:00Z',
    },
    { kind: 'follow-up-request', ...base, checkpoint: 'month-3', reportBy: '2027-05-24T00:00:00Z' },
    { kind: 'follow-up-reminder', ...base, checkpoint: 'month-3', reportBy: '2027-05-24T00:00:00Z' },
    { kind: 'return-cancelled', ...base, reason: 'residence-granted' },
  ];
}

export function staffNotification(overrides: Partial<StaffNotification> = {}): StaffNotification {
  return {
    topic: 'handover-missing',
    audience: 'caseworker',
    severity: 'urgent',
    caseRef: 'TST-2026-0042',
    caseworkerId: 'cw-test',
    dueAt: '2027-02-12T14:05:00Z',
    facts: { partnerId: 'tst-api-partner' },
    ...overrides,
  };
}
