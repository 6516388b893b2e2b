/**
 * The events a gateway client may send, on the wire: `{ "type": "referral.answered", "data": { … } }`,
 * the same envelope the programme uses for its own messages to partners. `data` is the domain event
 * (domain/events.ts) with the case reference added and without `eventId` and `sender`: the gateway
 * sets those from the verified request, so a client can neither choose its identity nor another
 * client's event ids.
 */
import { z } from 'zod';
import * as Events from '../domain/events.js';
import type { EventName } from '../domain/events.js';
import { CaseRef } from '../domain/programme.js';
import { fieldPath, type FieldProblem } from '../domain/validation.js';

/** The largest body the gateway reads; a larger one is refused before any signature work. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The wire type of each event the gateway accepts, and the programme signal it becomes. */
export const WIRE_TYPES = {
  'referral.acknowledged': 'referralAcknowledged',
  'referral.answered': 'referralAnswered',
  'handover.confirmed': 'handoverConfirmed',
  'follow-up.reported': 'followUpReported',
  'concern.raised': 'concernRaised',
  'departure.confirmed': 'departureConfirmed',
  'person.missing': 'personMissing',
  'consent.withdrawn': 'consentWithdrawn',
} as const satisfies Record<string, EventName>;
export type WireType = keyof typeof WIRE_TYPES;
export const wireTypes = Object.keys(WIRE_TYPES) as WireType[];

const fromClient = { eventId: true, sender: true } as const;
const caseRef = { caseRef: CaseRef };

/**
 * What a client sends in `data` for each type. Authority-only events (asylum) are entered by
 * caseworkers and never come through the gateway.
 */
export const EVENT_DATA = {
  'referral.acknowledged': Events.ReferralAcknowledged.omit(fromClient).extend(caseRef),
  'referral.answered': Events.ReferralAnswered.omit(fromClient).extend(caseRef),
  'handover.confirmed': Events.HandoverConfirmed.omit(fromClient).extend(caseRef),
  'follow-up.reported': Events.FollowUpReported.omit(fromClient).extend(caseRef),
  'concern.raised': Events.ConcernRaised.omit(fromClient).extend(caseRef),
  'departure.confirmed': Events.DepartureConfirmed.omit(fromClient).extend(caseRef),
  'person.missing': Events.PersonMissing.omit(fromClient).extend(caseRef),
  'consent.withdrawn': Events.ConsentWithdrawn.omit(fromClient).extend(caseRef),
} as const satisfies Record<WireType, z.ZodType>;

const envelope = <T extends WireType>(type: T) => z.strictObject({ type: z.literal(type), data: EVENT_DATA[type] });

/** The request body, checked strictly: an unknown field anywhere is refused and named. */
export const EventRequest = z.discriminatedUnion(
  'type',
  [
    envelope('referral.acknowledged'),
    envelope('referral.answered'),
    envelope('handover.confirmed'),
    envelope('follow-up.reported'),
    envelope('concern.raised'),
    envelope('departure.confirmed'),
    envelope('person.missing'),
    envelope('consent.withdrawn'),
  ],
  { error: `expected an event type: ${wireTypes.join(', ')}` },
);
export type EventRequest = z.output<typeof EventRequest>;

/** The signal name and the payload the programme receives: the client's fields plus id and sender. */
export function toSignal(request: EventRequest, eventId: string, sender: Events.Sender): { name: EventName; payload: Record<string, unknown> } {
  const { caseRef: _caseRef, ...fields } = request.data;
  return { name: WIRE_TYPES[request.type], payload: { ...fields, eventId, sender } };
}

/** Problems with a request body, each naming its field; an unknown field is named itself. */
export function requestProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath([...issue.path, key.slice(0, 64)]), problem: 'unknown field (not part of this event type)' }))
      : [{ field: fieldPath(issue.path), problem: issue.message }],
  );
}
