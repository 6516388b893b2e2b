/**
 * The catalogue of messages (domain/events.ts) is the single source of the contract: an event added
 * to a copy of it appears, with nothing else changed, as a signal definition, as a type the gateway
 * accepts and documents in its OpenAPI, and in the client's checks of what a caseworker reports.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caseworkerEventSchema } from '../client/commands/event.js';
import { CliError } from '../client/errors.js';
import { parseFlags } from '../client/input/flags.js';
import { EVENTS, eventCatalogue } from '../domain/events.js';
import { gatewayEvents } from '../gateway/events.js';
import { openApiDocument } from '../gateway/openapi.js';
import { signalDefinitions, signals } from '../workflows/messages.js';

// A fictional event, in this test's own copy of the catalogue only.
const catalogue = eventCatalogue({
  ...EVENTS,
  shelterVisited: {
    description: 'Someone visited her where she stays.',
    senders: ['partner', 'caseworker'],
    wireType: 'shelter.visited',
    schema: z.strictObject({ ...EVENTS.handoverConfirmed.schema.shape, place: z.enum(['shelter', 'home'], { error: 'expected shelter or home' }) }),
  },
});

const at = '2027-02-20T08:15:00.000Z';

describe('the catalogue of messages', () => {
  it('gives the programme a signal for a new event', () => {
    const definitions = signalDefinitions(catalogue);
    expect(definitions.shelterVisited).toMatchObject({ type: 'signal', name: 'shelterVisited' });
    expect(Object.keys(definitions)).toEqual(Object.keys(catalogue));
    expect(Object.keys(signals)).not.toContain('shelterVisited');
  });

  it('makes the gateway accept the new event type, strictly, as the signal of its name', () => {
    const gateway = gatewayEvents(catalogue);
    expect(gateway.types).toContain('shelter.visited');
    expect(gateway.signalOf['shelter.visited']).toBe('shelterVisited');
    // Authority data never comes through the gateway.
    expect(gateway.types).not.toContain(undefined);
    expect(Object.values(gateway.signalOf)).not.toContain('asylumDecision');

    const accepted = gateway.request.safeParse({ type: 'shelter.visited', data: { caseRef: 'CMM-2026-0042', at, place: 'home' } });
    expect(accepted.error).toBeUndefined();
    const wrongPlace = gateway.request.safeParse({ type: 'shelter.visited', data: { caseRef: 'CMM-2026-0042', at, place: 'street' } });
    expect(wrongPlace.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['data.place', 'expected shelter or home']]);
    // A client may not choose its own event id or sender.
    const withId = gateway.request.safeParse({ type: 'shelter.visited', data: { caseRef: 'CMM-2026-0042', at, place: 'home', eventId: 'x' } });
    expect(withId.success).toBe(false);
    // The programme's own gateway does not know the fictional event.
    expect(gatewayEvents(EVENTS).request.safeParse({ type: 'shelter.visited', data: { caseRef: 'CMM-2026-0042', at, place: 'home' } }).success).toBe(false);
  });

  it('documents the new event type in the OpenAPI document, with its schema and senders', () => {
    const document = openApiDocument(catalogue) as {
      components: { schemas: Record<string, { description: string; properties: { type: { const: string }; data: Record<string, unknown> } }> };
      paths: { '/v1/events': { post: { requestBody: { content: { 'application/json': { schema: { oneOf: Array<{ $ref: string }> } } } } } } };
    };
    const schema = document.components.schemas.ShelterVisitedEvent;
    expect(schema?.properties.type.const).toBe('shelter.visited');
    expect(schema?.description).toBe('Someone visited her where she stays. Sent by: partner.');
    expect(schema?.properties.data).toMatchObject({ additionalProperties: false, required: expect.arrayContaining(['caseRef', 'at', 'place']) });
    const oneOf = document.paths['/v1/events'].post.requestBody.content['application/json'].schema.oneOf;
    expect(oneOf).toContainEqual({ $ref: '#/components/schemas/ShelterVisitedEvent' });
    expect(JSON.stringify(openApiDocument())).not.toContain('shelter.visited');
  });

  it('lets the client check a caseworker report of the new event with its schema, in the words of the flags', () => {
    const schema = caseworkerEventSchema(catalogue, 'shelterVisited');
    const sender = { role: 'caseworker', id: 'cw-anna' };
    expect(parseFlags(schema, { eventId: 'cw-1', at, sender, place: 'shelter' }, { place: '--place' })).toMatchObject({ place: 'shelter' });
    expect(() => parseFlags(schema, { eventId: 'cw-1', at, sender, place: 'street' }, { place: '--place' })).toThrow(new CliError('--place: expected shelter or home', 2));
    // A partner's event has no caseworker command.
    expect(() => caseworkerEventSchema(catalogue, 'referralAnswered')).toThrow(/not an event a caseworker reports/);
    expect(() => caseworkerEventSchema(EVENTS, 'shelterVisited')).toThrow(/not an event a caseworker reports/);
  });
});
