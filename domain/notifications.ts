/**
 * What the programme asks the outside world to be told: messages to partner organisations and
 * notifications to staff. The workflow builds these; activities deliver them (partner API or e-mail,
 * staff e-mail). They carry codes, dates and the pseudonymous case reference only, never a name,
 * a birth date, an address or free text about the person.
 */
import { z } from 'zod';
import { CaseRef, CountryCode, StaffId } from './programme.js';

export const PartnerId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'expected a partner organisation code (lower-case letters, digits, -)');

export const Language = z.enum(['en', 'da'], { error: 'expected en or da' });
export type Language = z.output<typeof Language>;

export const CheckpointName = z.enum(['month-1', 'month-3', 'month-6', 'month-12'], {
  error: 'expected month-1, month-3, month-6 or month-12',
});
export type CheckpointName = z.output<typeof CheckpointName>;

const isoDateTime = z.iso.datetime({ offset: true, error: 'expected an ISO date-time, e.g. 2027-01-15T09:30:00Z' });

/** What a partner needs to decide on a referral: no identity, only what reception and support need. */
export const ReferralSummary = z.strictObject({
  homeCountry: CountryCode,
  riskLevel: z.enum(['low', 'medium', 'high']),
  needs: z.array(z.string().regex(/^[a-z-]{2,40}$/)).max(20),
  earliestDeparture: isoDateTime.nullable(),
  departureDeadline: isoDateTime,
  /** Present (true) for a child's case: a guardian and a best-interests assessment are recorded. */
  child: z.literal(true).optional(),
});

export const TravelSummary = z.strictObject({
  date: isoDateTime,
  /** IATA airport or city code where she arrives, e.g. OTP. */
  destination: z.string().regex(/^[A-Z]{3}$/),
  escort: z.boolean(),
  /** Where the partner meets her: a place at the arrival point, e.g. "arrivals-hall". */
  meetingPoint: z.string().regex(/^[a-z0-9-]{2,40}$/),
});

const partnerBase = { partnerId: PartnerId, caseRef: CaseRef };

/** Every message the programme sends to a partner organisation. */
export const PartnerMessage = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('referral-request'), ...partnerBase, respondBy: isoDateTime, referral: ReferralSummary }),
  z.strictObject({ kind: z.literal('referral-reminder'), ...partnerBase, respondBy: isoDateTime }),
  z.strictObject({ kind: z.literal('arrival-notice'), ...partnerBase, travel: TravelSummary, confirmHandoverBy: isoDateTime }),
  z.strictObject({ kind: z.literal('follow-up-request'), ...partnerBase, checkpoint: CheckpointName, reportBy: isoDateTime }),
  z.strictObject({ kind: z.literal('follow-up-reminder'), ...partnerBase, checkpoint: CheckpointName, reportBy: isoDateTime }),
  z.strictObject({
    kind: z.literal('return-cancelled'),
    ...partnerBase,
    reason: z.enum(['residence-granted', 'declined', 'cancelled', 'absconded', 'partner-replaced']),
  }),
]);
export type PartnerMessage = z.output<typeof PartnerMessage>;

/** The topics staff are told about; each has a template in English and Danish. */
export const StaffTopic = z.enum([
  'reflection-ending', // reminder: the reflection deadline approaches and preparation has not begun
  'answer-unlikely-before-deadline', // reminder: the partner asked usually answers after the departure deadline; ask for the extension in time
  'referral-reminder-sent', // info: a partner has not answered at half-window
  'child-return-against-best-interests', // escalation: a child's best-interests assessment found against the return after the referral began
  'referral-exhausted', // escalation: no partner left for the country; assign one by hand
  'referral-undeliverable', // escalation: a partner's channel refused the referral (4xx, 5xx mail)
  'travel-reminder', // reminder: the travel date approaches
  'departure-deadline-passed', // escalation to the authority: enforced return referral
  'handover-missing', // urgent: she may be unaccounted for
  'follow-up-missed', // escalation: a checkpoint report did not come
  'event-to-confirm', // reminder: an outside event would end or skip a phase; the caseworker confirms or rejects it
  'concern-raised', // urgent: threats, traffickers, creditors, lost contact, re-trafficking
  'escalation-unacknowledged', // urgent: an urgent escalation nobody has acknowledged yet, again on the policy interval
  'plan-refinement-due', // reminder: the reintegration plan is to be refined after the handover
  'plan-not-refined', // escalation: the plan was not refined within the window after the handover
  'absconded', // urgent: missing beyond the closure window
  'residence-granted', // info: the return is off
  'programme-closed', // info: the outcome
]);
export type StaffTopic = z.output<typeof StaffTopic>;

export const StaffNotification = z.strictObject({
  topic: StaffTopic,
  audience: z.enum(['caseworker', 'supervisor', 'authority']),
  severity: z.enum(['info', 'reminder', 'escalation', 'urgent']),
  caseRef: CaseRef,
  caseworkerId: StaffId,
  /** The deadline or date the recipient must act by, when there is one. */
  dueAt: isoDateTime.optional(),
  /** Codes only (partner id, checkpoint name, concern kind, outcome): rendered into the template. */
  facts: z.record(z.string().regex(/^[a-zA-Z]+$/), z.string().max(80).regex(/^[A-Za-z0-9 :._+-]*$/)).default({}),
});
export type StaffNotification = z.input<typeof StaffNotification>;

/** A partner organisation as the programme sees it: a code and how it is reached (details stay in the directory). */
export interface PartnerSummary {
  id: string;
  channel: 'api' | 'email';
  capabilities: Array<'reception' | 'reintegration' | 'follow-up'>;
}

/** The activities the programme calls, implemented in `activities/` with real transports. */
export interface ProgrammeActivities {
  /** Partner organisations for a country, in referral order (from the partner directory). */
  findPartners(input: { country: string }): Promise<PartnerSummary[]>;
  /** Delivers a message to a partner through its channel (signed API request or e-mail). */
  contactPartner(message: PartnerMessage): Promise<{ channel: 'api' | 'email'; reference: string }>;
  /** E-mails caseworker, supervisor or authority. */
  notifyStaff(notification: StaffNotification): Promise<{ messageId: string }>;
}
