/**
 * The app's JSON API under /api/v1: every caseworker action of the desk's pages, for the command
 * line and other programs. Each request carries an access token from the same identity provider
 * (`Authorization: Bearer …`), checked against the provider's keys (identity/accessToken.ts); the
 * token's subject, role and team are the user, exactly as a sign-in makes them. Everything then goes
 * through the desk (web/desk.ts): the same authorisation, the same audit trail, the same refusals.
 * Errors are JSON with a stable `error` code (web/api/errors.ts); the OpenAPI document is served at
 * /api/v1/openapi.json.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AccessTokenVerifier, bearerToken, TokenRefused } from '../../identity/accessToken.js';
import { fieldProblems } from '../../domain/validation.js';
import { may, type Action } from '../access.js';
import { isCommandName } from '../commands.js';
import type { WebAppDeps } from '../deps.js';
import { FormProblems, NoSuchProgramme, NotInRole, Refused } from '../refusals.js';
import { NotSignedIn, userFromClaims, type User } from '../user.js';
import { apiError, type ApiErrorCode } from './errors.js';
import { apiDocument } from './openapi.js';
import { asFormValues, AuditQuery, CaseloadQuery, CommandQuery, DeclinedOfferRequest, ErasureRequestBody, OpenFromInputRequest, OpenRequest, ProgrammeQuery, ReportQuery } from './requests.js';
import { isPlainObject } from '../../domain/plainObject.js';
import { datePeriod } from '../../domain/report/period.js';

export const API_PREFIX = '/api/v1';

type Params = { caseRef: string; command: string; id: string; decision: string };

export async function registerApiRoutes(app: FastifyInstance, deps: WebAppDeps): Promise<void> {
  const { desk, config } = deps;
  const tokens = new AccessTokenVerifier({ issuer: config.PR_OIDC_ISSUER, audience: config.PR_API_AUDIENCE });

  await app.register(
    async (api) => {
      api.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
        if (error instanceof ApiRefusal) return send(reply, error.status, error.code, error.message, error.extra);
        if (error instanceof NoSuchProgramme) return send(reply, 404, 'not-found', 'No such programme.');
        if (error instanceof NotInRole) return send(reply, 403, 'not-in-role', 'Not part of your role.');
        if (error instanceof FormProblems) return send(reply, 422, 'invalid', error.message, { problems: error.problems });
        if (error instanceof Refused) return send(reply, 409, 'refused', error.reason, error.field ? { problems: [{ field: error.field, problem: error.reason }] } : {});
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, 415, 'unsupported-media-type', 'expected application/json');
        if (error.statusCode === 413) return send(reply, 413, 'too-large', 'the body is too large');
        if (error.statusCode && error.statusCode < 500) return send(reply, 400, 'bad-request', 'the request could not be read: expected a JSON body');
        // The error's kind only: Temporal and codec errors name cases, never persons, but nothing more is needed.
        request.log.error({ err: { name: error.name, message: error.message } }, 'API request failed');
        return send(reply, 500, 'internal', `something went wrong; reference ${request.id}`);
      });
      api.setNotFoundHandler(async (_request, reply) => send(reply, 404, 'not-found', 'No such resource.'));

      // The document is public: it describes the API, it holds nothing about anyone.
      api.get('/openapi.json', async () => apiDocument());
      // How a command line signs in, so that the app's address is all a caseworker's machine needs.
      api.get('/sign-in', async () => ({ issuer: config.PR_OIDC_ISSUER, clientId: config.PR_CLI_CLIENT_ID, audience: config.PR_API_AUDIENCE }));

      api.register(async (authenticated) => {
        authenticated.addHook('onRequest', async (request) => {
          request.user = await signedIn(request, tokens, config.PR_OIDC_ROLE_CLAIM, config.PR_OIDC_TEAM_CLAIM);
        });
        const me = (request: FastifyRequest): User => request.user!;

        authenticated.get('/me', async (request) => me(request));

        authenticated.get('/caseload', async (request) => {
          const { scope, limit, ...filters } = parse(CaseloadQuery, request.query);
          return desk.caseload(me(request), scope, new Date(), filters, limit);
        });

        authenticated.post('/programmes', async (request, reply) => {
          roleFor(me(request), 'open');
          // The programme's own input (a case file, the command line), or the open form's fields.
          if (isPlainObject(request.body) && 'programme' in request.body) {
            const { programme } = parse(OpenFromInputRequest, request.body);
            return reply.code(201).send(await desk.openFromInput(me(request), programme));
          }
          const body = parse(OpenRequest, request.body);
          return reply.code(201).send(await desk.open(me(request), asFormValues(body)));
        });

        authenticated.get<{ Params: Params }>('/programmes/:caseRef', async (request) => {
          const { person } = parse(ProgrammeQuery, request.query);
          return desk.programme(me(request), request.params.caseRef, { withPerson: person === 'include' });
        });

        authenticated.post<{ Params: Params }>('/programmes/:caseRef/:command', async (request) => {
          const { caseRef, command } = request.params;
          if (!isCommandName(command)) throw new ApiRefusal(404, 'unknown-command', `no command or event called ${command}`);
          const body = request.body ?? {};
          if (typeof body !== 'object' || Array.isArray(body)) throw new FormProblems([{ field: '(body)', problem: 'expected a JSON object with the payload\'s fields' }]);
          const { wait } = parse(CommandQuery, request.query);
          return desk.send(me(request), caseRef, command, body as Record<string, unknown>, { wait });
        });

        authenticated.post('/declined-offers', async (request, reply) => {
          roleFor(me(request), 'open');
          const body = parse(DeclinedOfferRequest, request.body);
          return reply.code(201).send(await desk.recordDeclinedOffer(me(request), asFormValues(body)));
        });

        authenticated.get('/report', async (request) => {
          const { year, from, to } = parse(ReportQuery, request.query);
          return desk.report(me(request), from && to ? datePeriod(from, to) : (year ?? new Date().getFullYear()));
        });

        authenticated.get('/erasure-requests', async (request) => desk.erasureRequests(me(request)));

        authenticated.post('/erasure-requests', async (request, reply) => {
          roleFor(me(request), 'requestErasure');
          const body = parse(ErasureRequestBody, request.body);
          return reply.code(201).send(await desk.requestErasure(me(request), asFormValues(body)));
        });

        authenticated.post<{ Params: Params }>('/erasure-requests/:id/:decision', async (request) => {
          const { id, decision } = request.params;
          if (decision !== 'approve' && decision !== 'reject') throw new ApiRefusal(404, 'not-found', 'No such resource.');
          return desk.decideErasure(me(request), id, decision === 'approve');
        });

        authenticated.get('/audit', async (request) => {
          const { caseRef } = parse(AuditQuery, request.query);
          return desk.auditTrail(me(request), caseRef ? { caseRef } : {});
        });
      });
    },
    { prefix: API_PREFIX },
  );
}

/** An answer of the API's own (not the desk's): a status, a stable code, a message. */
class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiRefusal';
  }
}

function send(reply: FastifyReply, status: number, code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
  return reply.code(status).type('application/json').send(apiError(code, message, extra));
}

/** The bearer token's user; the reason a token was refused goes to the log, never to the caller. */
async function signedIn(request: FastifyRequest, tokens: AccessTokenVerifier, roleClaim: string, teamClaim: string): Promise<User> {
  try {
    return userFromClaims(await tokens.verify(bearerToken(request.headers.authorization)), roleClaim, teamClaim);
  } catch (err) {
    if (err instanceof TokenRefused) {
      request.log.info({ reason: err.reason }, 'access token refused');
      if (err.reason === 'provider-unreachable') throw new ApiRefusal(503, 'provider-unreachable', 'the identity provider cannot be reached; try again shortly');
      throw new ApiRefusal(401, 'unauthenticated', 'a valid access token from the identity provider is needed (Authorization: Bearer …)');
    }
    if (err instanceof NotSignedIn) {
      request.log.info({ reason: 'claims' }, 'access token refused');
      throw new ApiRefusal(401, 'unauthenticated', err.why);
    }
    throw err;
  }
}

/** A caller outside the role learns that first, as on the pages, not how to fill in a form she cannot send. */
function roleFor(user: User, action: Action): void {
  if (!may(user, action)) throw new NotInRole(action);
}

/** A query or body against its schema; problems name the field. */
function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new FormProblems(fieldProblems(parsed.error));
}
