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

const base = { eventId: EventId, at: IsoDateTime, sender: Sender };
type BaseShape = typeof base;

export const ConcernKind = z.enum(
  ['threats', 'trafficker-contact', 'creditor-contact', 'lost-contact', 'suspected-re-trafficking', 'other'],
  { error: 'expected threats, trafficker-contact, creditor-contact, lost-contact, suspected-re-trafficking or other' },
);
export type ConcernKind = z.output<typeof ConcernKind>;

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
      /** The partner's own references for its key contact and alternate (staff ids in its directory). */
      keyContact: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a contact id'),
      alternateContact: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a contact id'),
    }),
  },
  referralAnswered: {
    description: 'A partner accepted or declined the referral.',
    senders: ['partner'],
    wireType: 'referral.answered',
    schema: z.strictObject({
      ...base,
      answer: z.enum(['accept', 'decline'], { error: 'expected accept or decline' }),
      declineReason: z.enum(['no-capacity', 'risk-too-high', 'outside-area', 'other']).optional(),
      riskFeedback: z.enum(['agree', 'higher', 'lower'], { error: 'expected agree, higher or lower' }).optional(),
    }),
  },
  handoverConfirmed: {
    description: 'The receiving partner confirms she was received.',
    senders: ['partner'],
    wireType: 'handover.confirmed',
    schema: z.strictObject({ ...base }),
  },
  followUpReported: {
    description: 'A follow-up report from the receiving partner at a checkpoint.',
    senders: ['partner'],
    wireType: 'follow-up.reported',
    schema: z.strictObject({
      ...base,
      checkpoint: CheckpointName,
      situation: z.strictObject({
        housing: z.enum(['stable', 'unstable', 'unknown']),
        income: z.enum(['stable', 'unstable', 'none', 'unknown']),
        wellbeing: z.enum(['good', 'fair', 'poor', 'unknown']),
        inContact: z.boolean(),
      }),
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
/** What a sender sends for an event (defaults not yet applied). */
export type EventPayload<N extends EventName> = z.input<(typeof EVENTS)[N]['schema']>;
/** An event as the programme reads it, after its schema has checked it. */
export type ParsedEvent<N extends EventName> = z.output<(typeof EVENTS)[N]['schema']>;

export const eventNames = Object.keys(EVENTS) as EventName[];
