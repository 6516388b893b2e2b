/**
 * The gateway's OpenAPI 3.1 document, generated from the very zod schemas that validate requests
 * (and that the programme validates again), so the document cannot drift from what is enforced.
 */
import { z } from 'zod';
import { EVENTS, type EventCatalogue } from '../domain/events.js';
import { gatewayEvents, MAX_BODY_BYTES } from './events.js';
import { CLIENT_HEADER, TOLERANCE_SECONDS } from './signature.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  return rest;
}

const componentName = (type: string): string =>
  type
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** The document for the events of a catalogue (the programme's own by default). */
export function openApiDocument(catalogue: EventCatalogue = EVENTS): JsonSchema {
  const { types: wireTypes, signalOf, data } = gatewayEvents(catalogue);
  const schemas: Record<string, JsonSchema> = {};
  for (const type of wireTypes) {
    const declaration = catalogue[signalOf[type]]!;
    schemas[`${componentName(type)}Event`] = {
      type: 'object',
      description: `${declaration.description} Sent by: ${declaration.senders.filter((r) => r !== 'caseworker').join(', ')}.`,
      properties: { type: { type: 'string', const: type }, data: schemaOf(data[type]) },
      required: ['type', 'data'],
      additionalProperties: false,
    };
  }
  const problem = {
    type: 'object',
    properties: {
      error: { type: 'string' },
      message: { type: 'string' },
      problems: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' } }, required: ['field', 'problem'] } },
    },
    required: ['error', 'message'],
  };
  schemas.Problem = problem;
  const header = (name: string, description: string, pattern: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string', pattern } });
  const refusal = (description: string, retryAfter = false) => ({
    description,
    ...(retryAfter ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } } } : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

  return {
    openapi: '3.1.0',
    info: {
      title: 'prepared-return partner gateway',
      version: '1',
      description: 'Signed events from partner organisations and the Return Agency (Standard Webhooks). See docs/partner-guide.md.',
    },
    paths: {
      '/v1/events': {
        post: {
          operationId: 'postEvent',
          summary: 'Report an event about a programme',
          parameters: [
            header(CLIENT_HEADER, 'Your client id, as agreed with the coordination centre.', '^[a-z0-9][a-z0-9._-]{1,63}$'),
            header('webhook-id', 'Unique id of this event; the same id for every retry of it.', '^[A-Za-z0-9_.-]{1,100}$'),
            header('webhook-timestamp', `Unix seconds when this attempt was signed; within ${TOLERANCE_SECONDS} s of the gateway clock.`, '^[0-9]{1,12}$'),
            header('webhook-signature', 'v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">, several separated by spaces.', '^v1,'),
          ],
          requestBody: {
            required: true,
            description: `JSON, at most ${MAX_BODY_BYTES} bytes.`,
            content: {
              'application/json': {
                schema: {
                  oneOf: wireTypes.map((type) => ({ $ref: `#/components/schemas/${componentName(type)}Event` })),
                  discriminator: { propertyName: 'type' },
                },
              },
            },
          },
          responses: {
            '202': {
              description: 'Temporal accepted the event for the programme; it is recorded once, whatever the number of deliveries.',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { status: { const: 'accepted' }, eventId: { type: 'string' } }, required: ['status', 'eventId'] },
                },
              },
            },
            '400': refusal('The body is not a valid event; problems name each field.'),
            '401': refusal('Missing or malformed headers, a timestamp out of tolerance, or a signature that does not verify.'),
            '403': refusal('Your organisation may not send this event type.'),
            '404': refusal('No programme with this case reference is open to you (also when it does not exist).'),
            '409': refusal('This webhook-id was already delivered with a different body.'),
            '410': refusal('The programme is closed.'),
            '413': refusal(`The body is larger than ${MAX_BODY_BYTES} bytes.`),
            '415': refusal('The body is not application/json.'),
            '429': refusal('Too many events from your organisation; retry after Retry-After seconds.', true),
            '503': refusal('Not recorded: retry the same request after Retry-After seconds.', true),
          },
        },
      },
      '/health': { get: { operationId: 'health', summary: 'Liveness', responses: { '200': { description: 'The gateway is running.' } } } },
    },
    components: { schemas },
  };
}
