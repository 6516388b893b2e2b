/**
 * The JSON API's OpenAPI 3.1 document, generated from the zod schemas that validate its requests
 * (web/api/requests.ts) and from the programme's catalogue of commands and events (the same schemas
 * the programme validates again), so it cannot drift from what is enforced. As for the gateway's
 * document (gateway/openapi.ts).
 */
import { z } from 'zod';
import { COMMAND_NAMES, COMMANDS, isEvent } from '../commands.js';
import { API_ERRORS, type ApiErrorCode } from './errors.js';
import { ACTOR_FIELDS } from '../../domain/actorFields.js';
import { AuditQuery, CaseloadQuery, CommandQuery, ProgrammeQuery, ReportQuery, DeclinedOfferRequest, ErasureRequestBody, OpenFromInputRequest, OpenRequest } from './requests.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** A command's payload without the fields the desk sets itself: the actor, and for events their id and time are optional. */
function bodyOf(name: (typeof COMMAND_NAMES)[number]): JsonSchema {
  const schema = schemaOf(COMMANDS[name].schema);
  const properties = { ...(schema.properties as Record<string, JsonSchema> | undefined) };
  for (const field of ACTOR_FIELDS) delete properties[field];
  const setByDesk = isEvent(name) ? ['eventId', 'at', ...ACTOR_FIELDS] : [...ACTOR_FIELDS];
  const required = ((schema.required as string[] | undefined) ?? []).filter((f) => !setByDesk.includes(f as never));
  return { ...schema, properties, required };
}

/** A query's parameters from its schema: each property one parameter, with its type, default and description. */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const properties = (schemaOf(schema).properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', schema: rest, ...(description ? { description } : {}) };
  });
}

export function apiDocument(): JsonSchema {
  const schemas: Record<string, JsonSchema> = {
    Error: {
      type: 'object',
      properties: {
        error: { type: 'string', enum: Object.keys(API_ERRORS) },
        message: { type: 'string' },
        problems: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' } }, required: ['field', 'problem'] } },
      },
      required: ['error', 'message'],
    },
    OpenRequest: schemaOf(OpenRequest),
    OpenFromInputRequest: schemaOf(OpenFromInputRequest),
    ErasureRequest: schemaOf(ErasureRequestBody),
    DeclinedOffer: schemaOf(DeclinedOfferRequest),
  };
  for (const name of COMMAND_NAMES) schemas[`${name.charAt(0).toUpperCase()}${name.slice(1)}`] = bodyOf(name);

  const errors = (...codes: ApiErrorCode[]) =>
    Object.fromEntries(
      codes.map((code) => [
        String(API_ERRORS[code].status),
        { description: `\`${code}\`: ${API_ERRORS[code].description}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      ]),
    );
  const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  const caseRef = { name: 'caseRef', in: 'path', required: true, schema: { type: 'string' }, description: 'The case reference.' };
  const signedIn = ['unauthenticated', 'not-in-role'] as const;

  return {
    openapi: '3.1.0',
    info: {
      title: 'prepared-return caseworkers\' API',
      version: '1',
      description:
        'Every action of the caseworkers\' desk, as JSON. Each request carries an access token of the centre\'s identity provider for this API (its audience); the token\'s subject, role and team decide what may be done, and every action is recorded in the audit trail with that identity. The actor is never a field: commands are sent as the token\'s user.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths: {
      '/me': { get: { operationId: 'me', summary: 'Who the token signs in', responses: { '200': ok('The user: id, name, role, team.'), ...errors(...signedIn) } } },
      '/caseload': {
        get: {
          operationId: 'caseload',
          summary: 'The programmes in reach, with what is due today, overdue and escalated',
          parameters: queryParameters(CaseloadQuery),
          responses: { '200': ok('Rows from search attributes only (nothing is decoded).'), ...errors(...signedIn, 'invalid') },
        },
      },
      '/programmes': {
        post: {
          operationId: 'openProgramme',
          summary: 'Open a programme, held by the caller',
          requestBody: {
            required: true,
            description: "The open form's fields, or `{ programme }` with the programme's own input as a case file holds it (the command line's `open`).",
            content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/OpenRequest' }, { $ref: '#/components/schemas/OpenFromInputRequest' }] } } },
          },
          responses: { '201': ok('The programme opened: case reference, run id, home country, who holds it, the reflection deadline.'), ...errors(...signedIn, 'invalid', 'refused') },
        },
      },
      '/programmes/{caseRef}': {
        get: {
          operationId: 'programme',
          summary: 'The programme\'s status, timeline and who she is (a read of personal data, audited)',
          parameters: [caseRef, ...queryParameters(ProgrammeQuery)],
          responses: { '200': ok('The status and the person.'), ...errors(...signedIn, 'not-found') },
        },
      },
      ...Object.fromEntries(
        COMMAND_NAMES.map((name) => [
          `/programmes/{caseRef}/${name}`,
          {
            post: {
              operationId: name,
              summary: `${isEvent(name) ? 'Record the event' : 'Command'} ${name}`,
              parameters: isEvent(name) ? [caseRef, ...queryParameters(CommandQuery)] : [caseRef],
              requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name.charAt(0).toUpperCase()}${name.slice(1)}` } } } },
              responses: { '200': ok('The programme\'s answer, or the timeline entry of the event (absent while not yet recorded).'), ...errors(...signedIn, 'not-found', 'invalid', 'refused') },
            },
          },
        ]),
      ),
      '/declined-offers': {
        post: {
          operationId: 'recordDeclinedOffer',
          summary: 'Count an offer of a prepared return she declined (no programme is opened); once per case',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DeclinedOffer' } } } },
          responses: { '201': ok('Recorded: the case reference and whether it was written now (false: it was already there).'), ...errors(...signedIn, 'invalid') },
        },
      },
      '/report': {
        get: {
          operationId: 'report',
          summary: 'The annual report (no personal data)',
          parameters: queryParameters(ReportQuery),
          responses: { '200': ok('The report and the number of programmes that could not be read.'), ...errors(...signedIn, 'invalid') },
        },
      },
      '/erasure-requests': {
        get: { operationId: 'erasureRequests', summary: 'Erasure requests', responses: { '200': ok('All requests.'), ...errors(...signedIn) } },
        post: {
          operationId: 'requestErasure',
          summary: 'A supervisor requests an erasure',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErasureRequest' } } } },
          responses: { '201': ok('The request, waiting for the data protection officer.'), ...errors(...signedIn, 'not-found', 'invalid') },
        },
      },
      '/erasure-requests/{id}/{decision}': {
        post: {
          operationId: 'decideErasure',
          summary: 'The data protection officer approves or rejects (never the person who asked)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'decision', in: 'path', required: true, schema: { type: 'string', enum: ['approve', 'reject'] } },
          ],
          responses: { '200': ok('The decided request.'), ...errors(...signedIn, 'not-found', 'refused') },
        },
      },
      '/audit': {
        get: {
          operationId: 'auditTrail',
          summary: 'The audit trail, newest first',
          parameters: queryParameters(AuditQuery),
          responses: { '200': ok('Entries: who, when, which action, with what result.'), ...errors(...signedIn) },
        },
      },
    },
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}
