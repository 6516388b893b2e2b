/**
 * The codec endpoint with single sign-on: it decodes for a supervisor's access token from the real
 * local identity provider (the token the Temporal UI server passes on after she signed in), refuses a
 * caseworker's (403: wrong role), a token for another audience, an expired and a tampered one (401),
 * and records every decode and every refusal in the audit log. A break-glass token from the file
 * still decodes, audited under its own action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { FastifyInstance } from 'fastify';
import { buildCodecServer } from '../../codec/server.js';
import { generateToken, hashToken, Supervisors } from '../../codec/supervisors.js';
import { AccessTokenVerifier } from '../../identity/accessToken.js';
import { readAudit } from '../../store/auditLog.js';
import { runAuditTrail, useDatabase } from '../support/database.js';
import { DESK_STAFF, startTestDesk } from '../support/desk.js';
import { accessTokenFor } from '../support/accessTokens.js';
import { uniqueTaskQueue } from '../support/temporal.js';
import { codecWith, ctx, fromPayload, toPayload } from './support.js';

const store = useDatabase();
const UI = 'http://localhost:8233';
const CODEC_AUDIENCE = 'urn:prepared-return:codec';
const CANARY = 'Ioana Canarescu';
const TTL_SECONDS = 4;

let desk: Awaited<ReturnType<typeof startTestDesk>>;
let app: FastifyInstance;
let body: { payloads: Array<{ metadata: Record<string, string>; data: string }> };
const breakGlassToken = generateToken();
const breakGlassId = `sup-glass-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  desk = await startTestDesk({ taskQueue: uniqueTaskQueue('codec-sso'), accessTokenTtl: TTL_SECONDS, otherAudiences: [CODEC_AUDIENCE] });
  const { codec } = codecWith();
  app = buildCodecServer({
    codec,
    accessTokens: { verifier: new AccessTokenVerifier({ issuer: desk.issuer, audience: CODEC_AUDIENCE }), roleClaim: 'role', namespaces: ['default'] },
    breakGlass: new Supervisors({ supervisors: [{ id: breakGlassId, tokenSha256: hashToken(breakGlassToken), namespaces: ['default'] }] }),
    uiOrigins: [UI],
    audit: runAuditTrail(),
  });
  const encrypted = await codec.encode([toPayload({ fullName: CANARY })], ctx('return-programme-CMM-2026-0042'));
  body = { payloads: encrypted.map((p) => ({ metadata: Object.fromEntries(Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])), data: Buffer.from(p.data!).toString('base64') })) };
}, 120_000);

afterAll(async () => {
  await app?.close();
  await desk?.stop();
});

const decode = (token: string) =>
  app.inject({ method: 'POST', url: '/decode', headers: { origin: UI, authorization: `Bearer ${token}`, 'x-namespace': 'default', 'content-type': 'application/json' }, payload: body });
const decoded = (res: Awaited<ReturnType<typeof decode>>) => {
  const [payload] = (res.json() as typeof body).payloads;
  return fromPayload({ metadata: Object.fromEntries(Object.entries(payload!.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])), data: Buffer.from(payload!.data, 'base64') });
};
const trail = async (actor: string) => (await readAudit(store.db, { actor })).map((e) => [e.role, e.action, e.result]);

describe('the codec endpoint with the identity provider\'s access tokens', () => {
  it('decodes for a supervisor signed in at the provider, and audits the read under her id', async () => {
    const token = await accessTokenFor(desk, DESK_STAFF.supervisor, { resource: CODEC_AUDIENCE });
    const res = await decode(token);
    expect(res.statusCode).toBe(200);
    expect(decoded(res)).toEqual({ fullName: CANARY });
    expect((await trail(DESK_STAFF.supervisor))[0]).toEqual(['supervisor', 'decode', 'done']);
  }, 60_000);

  it('refuses a caseworker (403, ciphertext stays ciphertext) and audits the refusal', async () => {
    const token = await accessTokenFor(desk, DESK_STAFF.caseworker, { resource: CODEC_AUDIENCE });
    const res = await decode(token);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(CANARY);
    expect((await trail(DESK_STAFF.caseworker))[0]).toEqual(['caseworker', 'decode', 'denied']);
  }, 60_000);

  it('refuses a token for another audience, a tampered and an expired one (401), each audited', async () => {
    const before = (await readAudit(store.db, { actor: 'unidentified' })).length;
    const forTheApi = await accessTokenFor(desk, DESK_STAFF.supervisor);
    expect(decodeJwt(forTheApi).aud).toBe('urn:prepared-return:api');
    expect((await decode(forTheApi)).statusCode).toBe(401);

    const caseworker = await accessTokenFor(desk, DESK_STAFF.caseworker, { resource: CODEC_AUDIENCE });
    const [header, , signature] = caseworker.split('.') as [string, string, string];
    const promoted = Buffer.from(JSON.stringify({ ...decodeJwt(caseworker), role: 'supervisor' })).toString('base64url');
    expect((await decode(`${header}.${promoted}.${signature}`)).statusCode).toBe(401);

    const expiring = await accessTokenFor(desk, DESK_STAFF.supervisor, { resource: CODEC_AUDIENCE });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (decodeJwt(expiring).exp! + 6) * 1000 - Date.now())));
    const expired = await decode(expiring);
    expect(expired.statusCode).toBe(401);
    expect(expired.body).not.toContain(CANARY);
    // At least these three (other files' refusals of tokens naming nobody may land in the same log meanwhile).
    expect((await readAudit(store.db, { actor: 'unidentified' })).length - before).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('a break-glass token from the file still decodes, audited as such', async () => {
    const res = await decode(breakGlassToken);
    expect(res.statusCode).toBe(200);
    expect(decoded(res)).toEqual({ fullName: CANARY });
    expect(await trail(breakGlassId)).toEqual([['supervisor', 'decode.break-glass', 'done']]);
  });
});
