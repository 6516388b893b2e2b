/**
 * The codec endpoint the Temporal Web UI (and `temporal --codec-endpoint`) decodes payloads through.
 *
 * - CORS for exactly the configured UI origins: the preflight is answered for them and refused for
 *   any other origin, so no other web page can make a supervisor's browser decode for it.
 * - The supervisor's access token from the identity provider, passed on by the Temporal UI server
 *   after she signed in there: checked against the provider's keys, issuer, this endpoint's audience,
 *   expiry, and the role claim, which must say supervisor. Anyone else is refused (403, audited).
 * - Break-glass only, for when the provider is down: long-lived tokens from a file (stored hashed,
 *   codec/supervisors.ts); each use is audited as `decode.break-glass`, so it stands out in the trail.
 * - The namespace in `X-Namespace` must be one the supervisor may read.
 * - Logs who decoded how many payloads in which namespace: never payload content, never tokens.
 * - Every decode and every refused namespace is in the audit log before anything is answered; when
 *   the log cannot be written nothing is decoded (503): no read of personal data goes unrecorded.
 * - `/decode` only: the UI needs nothing encoded, and an encode endpoint would let a token holder
 *   forge payloads the worker trusts.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import type { EncryptionCodec } from './encryptionCodec.js';
import type { AuditTrail } from '../store/auditTrail.js';
import type { Supervisor, Supervisors } from './supervisors.js';
import { AuditRole } from '../store/audit.js';
import { roleInClaim } from '../domain/staff.js';
import { bearerToken, TokenRefused, type AccessTokenVerifier } from '../identity/accessToken.js';

/** Who asked to decode, as far as her token tells; `supervisor` is the only role that decodes. */
interface Caller extends Supervisor {
  role: AuditRole;
  /** The action name in the audit trail: `decode`, or `decode.break-glass` for a file token. */
  action: string;
}

/** The audit's actor for a token that identifies nobody (the trail records the attempt all the same). */
const UNIDENTIFIED = 'unidentified';

export interface CodecServerOptions {
  codec: EncryptionCodec;
  /** Sign-in through the identity provider: whose access tokens decode, and in which namespaces. */
  accessTokens?: { verifier: AccessTokenVerifier; roleClaim: string; namespaces: readonly string[] };
  /** Break-glass tokens from a file; leave unset to accept only the identity provider's tokens. */
  breakGlass?: Supervisors;
  /** Where each supervisor's decode is recorded. */
  audit: AuditTrail;
  /** Exact origins of the Web UI, e.g. http://localhost:8233. */
  uiOrigins: readonly string[];
  /** Fastify's logger options: `{ level, file }` or `{ level, stream }` for where the lines go. */
  logger?: boolean | { level: string; file?: string; stream?: NodeJS.WritableStream };
  /**
   * Certificate and key (PEM). The Web UI sends a supervisor's token to HTTPS endpoints only, so the
   * endpoint speaks TLS itself unless a TLS-terminating proxy stands in front of it.
   */
  https?: { cert: Buffer; key: Buffer };
}

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');
/** Payloads as protobuf JSON: bytes are base64 strings. */
const DecodeRequest = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(10_000),
});

// A UI signed in with single sign-on also sends the ID token (`authorization-extras`) on every call,
// the codec endpoint's too; it is allowed so the browser sends the call, and never read here.
const ALLOWED_HEADERS = 'authorization, authorization-extras, content-type, x-namespace';

export function buildCodecServer(options: CodecServerOptions): FastifyInstance {
  // Request logs carry method, path and status only: Fastify's defaults never include bodies or headers.
  const common = { logger: options.logger ?? false, bodyLimit: 8 * 1024 * 1024 };
  const app = (options.https ? Fastify({ ...common, https: options.https }) : Fastify(common)) as unknown as FastifyInstance;
  const origins = new Set(options.uiOrigins);

  const cors = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const origin = request.headers.origin;
    if (origin === undefined) return true; // not a browser: the token decides
    if (!origins.has(origin)) return false;
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    return true;
  };

  app.options('/decode', async (request, reply) => {
    if (!request.headers.origin || !cors(request, reply)) return reply.code(403).send();
    return reply
      .code(204)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });

  app.post('/decode', async (request, reply) => {
    // Every refusal is logged with its reason (never the token or a payload), so whoever runs the
    // endpoint can tell a supervisor why the UI or the CLI shows ciphertext.
    const refuse = (code: number, reason: string, extra: Record<string, unknown> = {}) => {
      request.log.warn({ status: code, reason, ...extra }, 'refused');
      return reply.code(code).send({ error: reason });
    };
    if (!cors(request, reply)) return refuse(403, 'origin not allowed', { origin: request.headers.origin });
    const caller = await authenticate(request, options);
    const audited = async (result: 'done' | 'refused' | 'denied', who: Pick<Caller, 'id' | 'role' | 'action'> = caller ?? { id: UNIDENTIFIED, role: 'system', action: 'decode' }): Promise<boolean> => {
      try {
        await options.audit.record({ actor: who.id, role: who.role, action: who.action, caseRef: null, result });
        return true;
      } catch (err) {
        request.log.error({ actor: who.id, why: err instanceof Error ? err.message : String(err) }, 'audit log not written: nothing decoded');
        void reply.code(503).header('retry-after', '5').send({ error: 'the audit log is unavailable; nothing was decoded, try again shortly' });
        return false;
      }
    };
    if (!caller) {
      if (!(await audited('refused'))) return reply;
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return refuse(401, request.headers.authorization ? 'the access token is not valid for this endpoint' : 'a supervisor\'s access token from the identity provider is required (Authorization: Bearer <token>)');
    }
    if (caller.role !== 'supervisor') {
      if (!(await audited('denied'))) return reply;
      return refuse(403, 'only supervisors decode payloads', { actor: caller.id });
    }
    const supervisor = caller;
    const namespace = request.headers['x-namespace'];
    if (typeof namespace !== 'string' || namespace === '') {
      if (!(await audited('refused'))) return reply;
      // The Temporal CLI sends the namespace only when one is named (-n, a profile or TEMPORAL_NAMESPACE).
      return refuse(403, `X-Namespace: expected the namespace to decode for, one of ${supervisor.namespaces.join(', ')}; the request named none (with the Temporal CLI, add -n ${supervisor.namespaces[0] ?? '<namespace>'})`, { supervisor: supervisor.id });
    }
    if (!supervisor.namespaces.includes(namespace)) {
      if (!(await audited('refused'))) return reply;
      return refuse(403, 'X-Namespace: expected a namespace this supervisor may read', { supervisor: supervisor.id, namespace });
    }
    const body = DecodeRequest.safeParse(request.body);
    if (!body.success) return refuse(400, 'expected { payloads: [{ metadata, data }] } as protobuf JSON', { supervisor: supervisor.id });
    if (!(await audited('done'))) return reply;

    let refused = 0;
    const payloads = [];
    for (const json of body.data.payloads) {
      try {
        payloads.push(toJson((await options.codec.decodeIn(namespace, [fromJson(json)]))[0]!));
      } catch {
        // A payload that does not authenticate (altered, moved, erased case) stays ciphertext.
        refused += 1;
        payloads.push(json);
      }
    }
    request.log.info({ supervisor: supervisor.id, namespace, payloads: payloads.length, refused }, 'decoded');
    return reply.send({ payloads });
  });

  app.get('/health', async () => ({ ok: true }));
  return app;
}

/**
 * The caller from her bearer token: an access token of the identity provider (three dot-separated
 * parts), else a break-glass token from the file. Undefined: the token identifies nobody.
 */
async function authenticate(request: FastifyRequest, options: CodecServerOptions): Promise<Caller | undefined> {
  const token = bearerToken(request.headers.authorization);
  if (!token || token.length > 8192) return undefined;
  if (options.accessTokens && token.split('.').length === 3) {
    const { verifier, roleClaim, namespaces } = options.accessTokens;
    try {
      const claims = await verifier.verify(token);
      const role = AuditRole.safeParse(roleInClaim(claims[roleClaim]));
      const id = typeof claims.sub === 'string' && /^[a-z0-9][a-z0-9._-]{0,63}$/.test(claims.sub) ? claims.sub : undefined;
      if (!id || !role.success) return undefined;
      return { id, role: role.data, namespaces, action: 'decode' };
    } catch (err) {
      if (!(err instanceof TokenRefused)) throw err;
      request.log.info({ reason: err.reason }, 'access token refused');
      return undefined;
    }
  }
  const supervisor = options.breakGlass && token.length >= 16 && token.length <= 512 ? options.breakGlass.byToken(token) : undefined;
  return supervisor ? { ...supervisor, role: 'supervisor', action: 'decode.break-glass' } : undefined;
}

function fromJson(json: { metadata?: Record<string, string>; data?: string }): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(json.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(json.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): { metadata: Record<string, string>; data: string } {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
