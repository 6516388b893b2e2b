/**
 * The events a gateway client may send, on the wire: `{ "type": "referral.answered", "data": { … } }`,
 * the same envelope the programme uses for its own messages to partners. Derived from the catalogue
 * (domain/events.ts): `data` is the event with the case reference added and without `eventId` and
 * `sender`: the gateway sets those from the verified request, so a client can neither choose its
 * identity nor another client's event ids.
 */
import { z } from 'zod';
import { EVENTS, type EventCatalogue, type Sender } from '../domain/events.js';
import { CaseRef } from '../domain/programme.js';
import { fieldPath, type FieldProblem } from '../domain/validation.js';

/** The largest body the gateway reads; a larger one is refused before any signature work. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The wire types of a catalogue: the events it lets through the gateway. */
export type WireTypeOf<C extends EventCatalogue> = { [N in keyof C]: C[N] extends { wireType: infer W extends string } ? W : never }[keyof C];

/** A request body as the gateway reads it: the type, and the event's fields with the case reference. */
export interface EventRequestOf<W extends string> {
  type: W;
  data: { caseRef: string; at: string } & Record<string, unknown>;
}

/** Set by the gateway (`eventId`, `sender`) or never through it (`onBehalfOf`: a partner speaks for itself). */
const fromClient = { eventId: true, sender: true, onBehalfOf: true } as const;

/**
 * What the gateway accepts, from a catalogue of events: each event with a wire type, the signal it
 * becomes, and what a client sends in `data` for it (the event without `eventId` and `sender`, with
 * the case reference). Authority-only events (asylum) have no wire type: caseworkers enter them, and
 * they never come through the gateway.
 */
export function gatewayEvents<C extends EventCatalogue>(catalogue: C) {
  type W = WireTypeOf<C>;
  const signalOf = {} as Record<W, keyof C & string>;
  const data = {} as Record<W, z.ZodObject>;
  for (const [name, declaration] of Object.entries(catalogue)) {
    if (declaration.wireType === undefined) continue;
    const type = declaration.wireType as W;
    signalOf[type] = name;
    data[type] = declaration.schema.omit(fromClient).extend({ caseRef: CaseRef });
  }
  const types = Object.keys(signalOf) as W[];
  const envelopes = types.map((type) => z.strictObject({ type: z.literal(type), data: data[type] }));
  /** The request body, checked strictly: an unknown field anywhere is refused and named. */
  const request = z.discriminatedUnion('type', envelopes as unknown as [(typeof envelopes)[number], ...typeof envelopes], {
    error: `expected an event type: ${types.join(', ')}`,
  }) as unknown as z.ZodType<EventRequestOf<W>>;
  return { types, signalOf, data, request };
}

const programmeEvents = gatewayEvents(EVENTS);
export type WireType = WireTypeOf<typeof EVENTS>;
/** The wire type of each event the gateway accepts, and the programme signal it becomes. */
export const WIRE_TYPES = programmeEvents.signalOf;
export const wireTypes = programmeEvents.types;
/** What a client sends in `data` for each type. */
export const EVENT_DATA = programmeEvents.data;
export const EventRequest = programmeEvents.request;
export type EventRequest = EventRequestOf<WireType>;

/** The signal name and the payload the programme receives: the client's fields plus id and sender. */
export function toSignal(request: EventRequest, eventId: string, sender: Sender): { name: (typeof WIRE_TYPES)[WireType]; payload: Record<string, unknown> } {
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
