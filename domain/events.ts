/**
 * Outside events (signals): what happened, said by authorities through the caseworker client or by
 * partners through the gateway. Every event carries an `eventId` (a repeat is recorded once), the
 * time it happened and its sender, which the programme checks again (defence in depth).
 */
import { z } from 'zod';
import { CheckpointName, PartnerId } from './notifications.js';
import { ConsentScope, IsoDateTime, StaffId } from './programme.js';

export const EventId = z
  .string({ error: 'expected an event id' })
  .min(1, 'expected an event id')
  .max(128, 'expected at most 128 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'expected letters, digits and _ . : - only');

export const Sender = z.discriminatedUnion(
  'role',
  [
    z.strictObject({ role: z.literal('caseworker'), id: StaffId }),
    z.strictObject({ role: z.literal('partner'), id: PartnerId }),
    z.strictObject({ role: z.literal('return-agency'), id: StaffId }),
  ],
  { error: 'expected a sender: caseworker, partner or return-agency with an id' },
);
export type Sender = z.output<typeof Sender>;

const base = { eventId: EventId, at: IsoDateTime, sender: Sender };

export const ConcernKind = z.enum(
  ['threats', 'trafficker-contact', 'creditor-contact', 'lost-contact', 'suspected-re-trafficking', 'other'],
  { error: 'expected threats, trafficker-contact, creditor-contact, lost-contact, suspected-re-trafficking or other' },
);
export type ConcernKind = z.output<typeof ConcernKind>;

export const AsylumApplied = z.strictObject({ ...base });

/** §7(1) convention status, §7(2) protection status, §7(3) temporary protection, or a rejection. */
export const AsylumDecision = z.strictObject({
  ...base,
  authority: z.enum(['DIS', 'FLN'], { error: 'expected DIS (Immigration Service) or FLN (Refugee Appeals Board)' }),
  decision: z.enum(['convention', 'protection', 'temporary-protection', 'rejected'], {
    error: 'expected convention, protection, temporary-protection or rejected',
  }),
});

/** The Refugee Appeals Board reopened the asylum case (possible even after departure). */
export const CaseReopened = z.strictObject({ ...base });

export const ReferralAcknowledged = z.strictObject({
  ...base,
  /** The partner's own references for its key contact and alternate (staff ids in its directory). */
  keyContact: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a contact id'),
  alternateContact: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a contact id'),
});

export const ReferralAnswered = z.strictObject({
  ...base,
  answer: z.enum(['accept', 'decline'], { error: 'expected accept or decline' }),
  declineReason: z.enum(['no-capacity', 'risk-too-high', 'outside-area', 'other']).optional(),
  riskFeedback: z.enum(['agree', 'higher', 'lower'], { error: 'expected agree, higher or lower' }).optional(),
});

export const HandoverConfirmed = z.strictObject({ ...base });

export const FollowUpReported = z.strictObject({
  ...base,
  checkpoint: CheckpointName,
  situation: z.strictObject({
    housing: z.enum(['stable', 'unstable', 'unknown']),
    income: z.enum(['stable', 'unstable', 'none', 'unknown']),
    wellbeing: z.enum(['good', 'fair', 'poor', 'unknown']),
    inContact: z.boolean(),
  }),
  concerns: z.array(ConcernKind).max(6).default([]),
});

export const ConcernRaised = z.strictObject({ ...base, kind: ConcernKind });

export const DepartureConfirmed = z.strictObject({ ...base });

export const PersonMissing = z.strictObject({
  ...base,
  state: z.enum(['missing', 'found'], { error: 'expected missing or found' }),
});

export const ConsentWithdrawn = z.strictObject({
  ...base,
  scope: ConsentScope,
  source: z.enum(['in-person', 'interpreter', 'written', 'legal-representative', 'partner-report']),
});

export type AsylumApplied = z.input<typeof AsylumApplied>;
export type AsylumDecision = z.input<typeof AsylumDecision>;
export type CaseReopened = z.input<typeof CaseReopened>;
export type ReferralAcknowledged = z.input<typeof ReferralAcknowledged>;
export type ReferralAnswered = z.input<typeof ReferralAnswered>;
export type HandoverConfirmed = z.input<typeof HandoverConfirmed>;
export type FollowUpReported = z.input<typeof FollowUpReported>;
export type ConcernRaised = z.input<typeof ConcernRaised>;
export type DepartureConfirmed = z.input<typeof DepartureConfirmed>;
export type PersonMissing = z.input<typeof PersonMissing>;
export type ConsentWithdrawn = z.input<typeof ConsentWithdrawn>;

/** Which senders may say what: the gateway enforces it, and the programme checks again. */
export const EVENT_SENDERS = {
  asylumApplied: ['caseworker'],
  asylumDecision: ['caseworker'],
  caseReopened: ['caseworker'],
  referralAcknowledged: ['partner'],
  referralAnswered: ['partner'],
  handoverConfirmed: ['partner'],
  followUpReported: ['partner'],
  concernRaised: ['partner', 'caseworker'],
  departureConfirmed: ['caseworker', 'return-agency'],
  personMissing: ['caseworker', 'return-agency', 'partner'],
  consentWithdrawn: ['caseworker', 'partner'],
} as const satisfies Record<string, ReadonlyArray<Sender['role']>>;
export type EventName = keyof typeof EVENT_SENDERS;
