/**
 * The catalogue of outside events (signals): what happened, said by authorities through the
 * caseworker client or by partners through the gateway. Each event is declared here once: its
 * payload, who may send it, its type on the gateway's wire (absent: it never comes through the
 * gateway) and what it means. The signal definitions, the gateway's accepted types and OpenAPI
 * document, the client's checks and the programme's handlers are all derived from `EVENTS`.
 *
 * Every event carries an `eventId` (a repeat is recorded once), the time it happened and its
 * sender, which the programme checks again (defence in depth).
 */
import { z } from 'zod';
import { NeedCode } from './commands.js';
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

export type SenderRole = Sender['role'];

/** How an answer a caseworker records for a partner reached the centre. */
export const RelayChannel = z.enum(['email', 'phone', 'meeting'], { error: 'expected email, phone or meeting' });

/**
 * A partner's event recorded by a caseworker on the partner's behalf: an e-mail partner's answer,
 * or an API partner's that came by phone or in a meeting. The sender stays the caseworker (who is
 * answerable for it); the programme applies the event as the named partner's. The gateway never
 * lets a client set it: a partner speaks only for itself.
 */
export const OnBehalfOf = z.strictObject({
  partnerId: PartnerId,
  channel: RelayChannel,
  /** When the centre received the answer (the event's `at` is when it happened). */
  receivedAt: IsoDateTime,
});
export type OnBehalfOf = z.output<typeof OnBehalfOf>;

const base = { eventId: EventId, at: IsoDateTime, sender: Sender, onBehalfOf: OnBehalfOf.optional() };
type BaseShape = typeof base;

export const ConcernKind = z.enum(
  ['threats', 'trafficker-contact', 'creditor-contact', 'lost-contact', 'suspected-re-trafficking', 'other'],
  { error: 'expected threats, trafficker-contact, creditor-contact, lost-contact, suspected-re-trafficking or other' },
);
export type ConcernKind = z.output<typeof ConcernKind>;

/**
 * Free text is kept only where a code cannot say it, bounded, and only inside the encrypted payload:
 * never in the timeline, search attributes, mail or logs.
 */
export const BoundedNote = z.string().trim().min(1, 'expected some text').max(500, 'expected at most 500 characters');

/** A partner's own reference for one of its staff (the form partners used first). */
export const ContactId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a contact id');

/** One of the partner's people she can turn to: encrypted with the event, never copied to mail. */
export const ContactRecord = z.strictObject({
  name: z.string().trim().min(1, 'expected a name').max(100, 'expected at most 100 characters'),
  role: z.enum(['case-manager', 'social-worker', 'psychologist', 'lawyer', 'coordinator', 'other'], {
    error: 'expected case-manager, social-worker, psychologist, lawyer, coordinator or other',
  }),
  phone: z.string().regex(/^\+?[0-9 ()-]{5,30}$/, 'expected a phone number, e.g. +66 2 123 4567').optional(),
  email: z.email({ error: 'expected an e-mail address' }).max(200).optional(),
});
export type ContactRecord = z.output<typeof ContactRecord>;

/** A contact as a record, or (as partners sent it first) as the partner's own contact id. */
export const Contact = z.union([ContactRecord, ContactId], { error: 'expected a contact: { name, role, phone?, email? } or a contact id' });

export const DeclineReason = z.enum(['no-capacity', 'risk-too-high', 'outside-area', 'needs-not-covered', 'cannot-reach-her', 'other'], {
  error: 'expected no-capacity, risk-too-high, outside-area, needs-not-covered, cannot-reach-her or other',
});

export const RiskFactor = z.enum(['trafficker-in-area', 'family-involved', 'debt', 'stigma', 'health', 'other'], {
  error: 'expected trafficker-in-area, family-involved, debt, stigma, health or other',
});

/**
 * Her situation in one area, on a fixed scale: secure (no need), adequate (needs met with support),
 * fragile (needs partly met), critical (acute need or danger), unknown (not assessed this time).
 */
export const SituationLevel = z.enum(['secure', 'adequate', 'fragile', 'critical', 'unknown'], {
  error: 'expected secure, adequate, fragile, critical or unknown',
});
export type SituationLevel = z.output<typeof SituationLevel>;

export const SITUATION_AREAS = ['housing', 'livelihood', 'health', 'safety', 'family', 'legalStatus'] as const;
export type SituationArea = (typeof SITUATION_AREAS)[number];

/** The situation per area, each on the fixed scale. */
export const AreaSituation = z.strictObject(Object.fromEntries(SITUATION_AREAS.map((a) => [a, SituationLevel])) as Record<SituationArea, typeof SituationLevel>);

/** The first report form (housing, income, wellbeing, in contact), still read for reports sent in it. */
export const EarlySituation = z.strictObject({
  housing: z.enum(['stable', 'unstable', 'unknown']),
  income: z.enum(['stable', 'unstable', 'none', 'unknown']),
  wellbeing: z.enum(['good', 'fair', 'poor', 'unknown']),
  inContact: z.boolean(),
});

export const NextStep = z.enum(['continue-support', 'refer-medical', 'refer-legal', 'refer-shelter', 'family-mediation', 'job-placement', 'close-support', 'other'], {
  error: 'expected continue-support, refer-medical, refer-legal, refer-shelter, family-mediation, job-placement, close-support or other',
});

export const HandoverPlace = z.enum(['airport', 'border', 'shelter', 'partner-office', 'other'], {
  error: 'expected airport, border, shelter, partner-office or other',
});

/** One outside event, as the catalogue declares it. */
export interface EventDeclaration {
  readonly description: string;
  /** Who may send it: the gateway enforces it, and the programme checks again. */
  readonly senders: readonly SenderRole[];
  /** Its `type` on the gateway's wire; absent for authority data, which only caseworkers enter. */
  readonly wireType?: string;
  readonly schema: z.ZodObject<BaseShape & z.core.$ZodShape, z.core.$strict>;
}

/** A catalogue of outside events by signal name (the programme's is `EVENTS`; a test may make its own). */
export type EventCatalogue = Readonly<Record<string, EventDeclaration>>;

/** Keeps the literal names, senders and wire types of a catalogue for the types derived from it. */
export function eventCatalogue<const C extends EventCatalogue>(catalogue: C): C {
  return catalogue;
}

export const EVENTS = eventCatalogue({
  // Authority data, entered by the caseworker.
  asylumApplied: {
    description: 'She applied for asylum: the Immigration Service (DIS) decides; no departure while pending.',
    senders: ['caseworker'],
    schema: z.strictObject({ ...base }),
  },
  asylumDecision: {
    description: 'A decision of DIS or FLN: §7(1) convention, §7(2) protection, §7(3) temporary protection, or rejected.',
    senders: ['caseworker'],
    schema: z.strictObject({
      ...base,
      authority: z.enum(['DIS', 'FLN'], { error: 'expected DIS (Immigration Service) or FLN (Refugee Appeals Board)' }),
      decision: z.enum(['convention', 'protection', 'temporary-protection', 'rejected'], {
        error: 'expected convention, protection, temporary-protection or rejected',
      }),
    }),
  },
  caseReopened: {
    description: 'The Refugee Appeals Board reopened the asylum case (possible even after departure).',
    senders: ['caseworker'],
    schema: z.strictObject({ ...base }),
  },

  // Partner events, through the gateway.
  referralAcknowledged: {
    description: 'A partner received the referral: receipt, key contact and alternate.',
    senders: ['partner'],
    wireType: 'referral.acknowledged',
    schema: z.strictObject({
      ...base,
      /** The partner's key contact for her and the alternate, as contact records (or contact ids). */
      keyContact: Contact,
      alternateContact: Contact,
    }),
  },
  referralAnswered: {
    description: 'A partner accepted or declined the referral.',
    senders: ['partner'],
    wireType: 'referral.answered',
    schema: z.strictObject({
      ...base,
      answer: z.enum(['accept', 'decline'], { error: 'expected accept or decline' }),
      /** One reason, as partners sent it first; `declineReasons` takes several. */
      declineReason: DeclineReason.optional(),
      declineReasons: z.array(DeclineReason).max(6).optional(),
      riskFeedback: z.enum(['agree', 'higher', 'lower'], { error: 'expected agree, higher or lower' }).optional(),
      riskFactors: z.array(RiskFactor).max(6).optional(),
      note: BoundedNote.optional(),
    }),
  },
  handoverConfirmed: {
    description: 'The receiving partner confirms she was received.',
    senders: ['partner'],
    wireType: 'handover.confirmed',
    schema: z.strictObject({
      ...base,
      where: HandoverPlace.optional(),
      /** Who of the partner received her. */
      receivedBy: Contact.optional(),
    }),
  },
  followUpReported: {
    description: 'A follow-up report from the receiving partner at a checkpoint.',
    senders: ['partner'],
    wireType: 'follow-up.reported',
    schema: z.strictObject({
      ...base,
      checkpoint: CheckpointName,
      situation: z.union([AreaSituation, EarlySituation], {
        error: `expected the situation per area: ${SITUATION_AREAS.join(', ')}, each secure, adequate, fragile, critical or unknown`,
      }),
      /** Whether the partner saw her in person for this report (not by phone or through others). */
      seenInPerson: z.boolean().optional(),
      supportReceived: z.array(NeedCode).max(10).optional(),
      nextSteps: z.array(NextStep).max(8).optional(),
      note: BoundedNote.optional(),
      concerns: z.array(ConcernKind).max(6).default([]),
    }),
  },
  concernRaised: {
    description: 'A concern: threats, contact from traffickers or creditors, lost contact, suspected re-trafficking.',
    senders: ['partner', 'caseworker'],
    wireType: 'concern.raised',
    schema: z.strictObject({ ...base, kind: ConcernKind }),
  },

  // From the caseworker client or the gateway.
  departureConfirmed: {
    description: 'The Return Agency or the caseworker confirms she departed.',
    senders: ['caseworker', 'return-agency'],
    wireType: 'departure.confirmed',
    schema: z.strictObject({ ...base }),
  },
  personMissing: {
    description: 'She is missing, or found again.',
    senders: ['caseworker', 'return-agency', 'partner'],
    wireType: 'person.missing',
    schema: z.strictObject({ ...base, state: z.enum(['missing', 'found'], { error: 'expected missing or found' }) }),
  },
  consentWithdrawn: {
    description: 'She withdrew a consent: participation, sharing with partners or follow-up. Nothing earlier is deleted.',
    senders: ['caseworker', 'partner'],
    wireType: 'consent.withdrawn',
    schema: z.strictObject({
      ...base,
      scope: ConsentScope,
      source: z.enum(['in-person', 'interpreter', 'written', 'legal-representative', 'partner-report']),
    }),
  },
});

export type EventName = keyof typeof EVENTS;
/** An event as the programme reads it, after its schema has checked it. */
export type ParsedEvent<N extends EventName> = z.output<(typeof EVENTS)[N]['schema']>;

export const eventNames = Object.keys(EVENTS) as EventName[];
