/**
 * The partner gateway's HTTP server: `POST /v1/events` turns a signed event into a signal on the
 * programme it concerns; `GET /health` for load balancers; `GET /v1/openapi.json` describes it all.
 *
 * An event goes through, in this order, and stops at the first refusal:
 *   per-source rate limit (429, before the body is read)  →  the whole body within the body timeout
 *   (408, connection closed)  →  body at most 64 KiB (413, before any HMAC work)  →  Standard Webhooks signature (401)
 *   →  per-client rate limit (429)  →  strict schema (400)  →  event type allowed for the role (403)
 *   →  webhook id not reused with another body (409)  →  programme is the caller's (404, identical
 *   for an unknown case)  →  signal accepted by Temporal (202; 503 with Retry-After when it is not).
 *
 * Every answer to an authenticated client is written to the audit log first (who, which event,
 * which programme, what came of it); when the log cannot be written the answer is a 503 and the
 * client retries the same request, which is safe: the programme records an event id once.
 */
import type { MetricMeter } from '@temporalio/common';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { Sender } from '../domain/events.js';
import type { AuditResult } from '../store/audit.js';
import type { AuditTrail } from '../store/auditTrail.js';
import { answers, type Answer } from './answers.js';
import { caseDecision, roleMaySend } from './authorisation.js';
import type { GatewayClients } from './clients.js';
import { gatewayEventId } from '../domain/eventIds.js';
import { bodyDigest, DeliveryLedger } from './deliveries.js';
import { EventRequest, MAX_BODY_BYTES, requestProblems, toSignal } from './events.js';
import { openApiDocument } from './openapi.js';
import { TemporalUnavailable, type Programmes } from './programmes.js';
import { RateLimiter, type RateLimitSettings } from './rateLimit.js';
import { RefusalLog } from './refusalLog.js';
import { TOLERANCE_SECONDS, WebhookVerifier } from './signature.js';

export interface GatewayOptions {
  clients: GatewayClients;
  programmes: Programmes;
  /** Where every answer to an authenticated client is recorded. */
  audit: AuditTrail;
  rateLimit: RateLimitSettings;
  /** Time for Temporal to answer (lookup and signal together); keep it below 5 s. */
  temporalTimeoutMs?: number;
  /** Retry-After on a 503. */
  retryAfterSeconds?: number;
  /** How many (client, webhook id) → body digests each replica remembers. */
  ledgerCapacity?: number;
  /** The least time a "not found" answer takes, so it does not reveal whether the case exists. */
  refusalFloorMs?: number;
  verifier?: WebhookVerifier;
  logger?: FastifyServerOptions['logger'];
  /** Requests per source address, before anything else is looked at. */
  sourceRateLimit?: RateLimitSettings;
  /** The whole request, body included, must arrive within this; a slow sender is cut off with 408. */
  bodyTimeoutMs?: number;
  /** Proxies in front whose X-Forwarded-For names the real source (addresses or CIDR ranges). */
  trustedProxies?: string[];
  /** Unauthenticated refusals are logged as one summed line per interval. */
  refusalLogIntervalMs?: number;
  /** Where the answers are counted (telemetry/metrics.ts); not counted when absent. */
  meter?: MetricMeter;
}

export function buildGateway(options: GatewayOptions): FastifyInstance {
  const temporalTimeoutMs = options.temporalTimeoutMs ?? 4000;
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  const refusalFloorMs = options.refusalFloorMs ?? 50;
  const verifier = options.verifier ?? new WebhookVerifier(options.clients.keys);
  const limiter = new RateLimiter(options.rateLimit);
  const sources = new RateLimiter(options.sourceRateLimit ?? { perMinute: 600, burst: 60 });
  const ledger = new DeliveryLedger(options.ledgerCapacity ?? 50_000);
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 15_000;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    // Node's own request timeout is checked only every 30 s (a slow body was held 70-80 s); the
    // body timer below enforces `bodyTimeoutMs` itself, these stay as the outer bound.
    requestTimeout: bodyTimeoutMs + 5_000,
    connectionTimeout: bodyTimeoutMs + 5_000,
    return503OnClosing: true,
    ...(options.trustedProxies?.length ? { trustProxy: options.trustedProxies } : {}),
  });
  const refusals = new RefusalLog(app.log, options.refusalLogIntervalMs ?? 60_000);

  // Before anything else, so that neither floods nor slow senders cost more than a timer: the
  // source's allowance, then a deadline for the whole request.
  app.addHook('onRequest', (request, reply, done) => {
    const rate = sources.take(request.ip);
    if (!rate.allowed) {
      void send(reply.header('connection', 'close'), answers.rateLimited(rate.retryAfterSeconds));
      return;
    }
    const timer = setTimeout(() => {
      if (request.raw.complete || reply.raw.headersSent) return;
      refusals.note('body-timeout', request.ip);
      const answer = answers.timedOut();
      reply.raw.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
      reply.raw.end(JSON.stringify(answer.body));
      request.raw.socket.destroySoon();
    }, bodyTimeoutMs);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });

  // The signature covers the exact bytes sent: keep the body as a Buffer and parse it only after the
  // signature verifies. Every other media type is refused (415) by Fastify.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return send(reply, answers.tooLarge(MAX_BODY_BYTES));
    if (status === 415) return send(reply, answers.unsupportedMedia());
    if (status >= 400 && status < 500) return send(reply, answers.clientError(status));
    request.log.error({ err: error }, 'gateway error');
    return send(reply, answers.internal());
  });
  app.setNotFoundHandler((_request, reply) => send(reply, answers.notFoundRoute()));

  // Every answer counted by route and status, so operators are alerted on 5xx (deploy/prometheus/alerts.yaml).
  const answered = options.meter?.createCounter('prepared_return_gateway_responses', 'responses', 'Answers of the partner gateway by route and status');
  if (answered) {
    app.addHook('onResponse', async (request, reply) => {
      answered.add(1, { route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) });
    });
  }

  app.addHook('onClose', async () => refusals.flush());

  app.get('/health', async () => ({ status: 'ok' }));

  const document = openApiDocument();
  app.get('/v1/openapi.json', async () => document);

  app.post('/v1/events', async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

    const verified = verifier.verify(request.headers, body);
    if (!verified.ok) {
      refusals.note(verified.refusal, request.ip);
      const why = verified.refusal === 'malformed-headers' ? 'headers' : verified.refusal === 'timestamp-out-of-tolerance' ? 'timestamp' : 'signature';
      return send(reply, answers.unauthenticated(why));
    }
    const client = options.clients.get(verified.clientId);
    if (!client) return send(reply, answers.unauthenticated('signature')); // keys and clients come from one list

    const rate = limiter.take(client.id);
    if (!rate.allowed) return send(reply, answers.rateLimited(rate.retryAfterSeconds));

    /** Records the answer in the audit log, then sends it. */
    const audited = async (answer: Answer, result: AuditResult, action = 'event', caseRef: string | null = null): Promise<FastifyReply> => {
      try {
        await options.audit.record({ actor: client.id, role: client.role, action, caseRef, result });
      } catch (err) {
        request.log.error({ client: client.id, action, why: err instanceof Error ? err.message : String(err) }, 'audit log not written: answering 503');
        return send(reply, answers.unavailable(retryAfterSeconds));
      }
      return send(reply, answer);
    };

    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      return audited(answers.notJson(), 'refused');
    }
    const parsed = EventRequest.safeParse(json);
    if (!parsed.success) return audited(answers.invalid(requestProblems(parsed.error)), 'refused');
    const event = parsed.data;
    const outcome = (answer: Answer, result: AuditResult) => audited(answer, result, event.type, event.data.caseRef);
    if (Date.parse(event.data.at) > Date.now() + TOLERANCE_SECONDS * 1000) {
      return outcome(answers.invalid([{ field: 'data.at', problem: 'expected a time that is not in the future' }]), 'refused');
    }
    if (!roleMaySend(client.role, event.type)) return outcome(answers.typeNotAllowed(event.type), 'refused');

    const digest = bodyDigest(client.id, body);
    if (ledger.conflicts(client.id, verified.webhookId, digest)) return outcome(answers.idReused(), 'refused');
    const eventId = gatewayEventId(verified.webhookId, digest);

    const started = Date.now();
    const deadline = started + temporalTimeoutMs;
    try {
      const access = await options.programmes.access(event.data.caseRef, deadline);
      const decision = caseDecision(client, access);
      if (decision === 'not-found') {
        await sleepUntil(started + refusalFloorMs);
        return await outcome(answers.notFound(), 'not-found');
      }
      // The event that closed a programme may come again (its 202 was lost): confirm it, do not refuse it.
      const closed = async () =>
        (await options.programmes.recorded(event.data.caseRef, eventId, deadline)) ? outcome(answers.accepted(eventId), 'done') : outcome(answers.closed(), 'refused');
      if (decision === 'closed') return await closed();
      // Told only to a partner the programme is shared with: before it opened, the date is a mistake.
      if (access.state !== 'absent' && Date.parse(event.data.at) < Date.parse(access.openedAt) - TOLERANCE_SECONDS * 1000) {
        return await outcome(answers.invalid([{ field: 'data.at', problem: `expected a time after the programme opened (${access.openedAt})` }]), 'refused');
      }

      const sender = { role: client.role, id: client.id } as Sender;
      const signal = toSignal(event, eventId, sender);
      const result = await options.programmes.signal(event.data.caseRef, signal.name, signal.payload, deadline);
      if (result === 'closed') return await closed();
      ledger.remember(client.id, verified.webhookId, digest);
      request.log.info({ client: client.id, type: event.type, eventId }, 'event delivered');
      return await outcome(answers.accepted(eventId), 'done');
    } catch (err) {
      if (!(err instanceof TemporalUnavailable)) throw err;
      request.log.warn({ client: client.id, type: event.type, why: err.why }, 'event not delivered: Temporal unavailable');
      return await outcome(answers.unavailable(retryAfterSeconds), 'failed');
    }
  });

  return app;
}

function send(reply: FastifyReply, answer: Answer): FastifyReply {
  return reply
    .code(answer.status)
    .headers({ 'cache-control': 'no-store', ...(answer.headers ?? {}) })
    .type('application/json; charset=utf-8')
    .send(answer.body);
}

function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}
