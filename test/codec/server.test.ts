/**
 * The codec endpoint: only the UI origin's preflight is answered, only a supervisor's token decodes,
 * only in that supervisor's namespaces, and nothing it logs carries payload content or tokens.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCodecServer } from '../../codec/server.js';
import { generateToken, hashToken, Supervisors } from '../../codec/supervisors.js';
import { readAudit } from '../../store/auditLog.js';
import type { AuditTrail } from '../../store/auditTrail.js';
import { runAuditTrail, useDatabase } from '../support/database.js';
import { codecWith, ctx, fromPayload, toPayload } from './support.js';

const store = useDatabase();

const UI = 'http://localhost:8233';
const CANARY = 'Ioana Canarescu';
const WF = 'return-programme-CMM-2026-0042';

async function setup(audit: AuditTrail = runAuditTrail()) {
  const { codec } = codecWith();
  // Each setup's supervisors are its own, so its audit rows are told apart from other tests'.
  const anna = `sup-anna-${Math.random().toString(36).slice(2, 8)}`;
  const token = generateToken();
  const other = generateToken();
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString('utf8')), done()) });
  const app: FastifyInstance = buildCodecServer({
    codec,
    breakGlass: new Supervisors({
      supervisors: [
        { id: anna, tokenSha256: hashToken(token), namespaces: ['default'] },
        { id: 'sup-other', tokenSha256: hashToken(other), namespaces: ['elsewhere'] },
      ],
    }),
    uiOrigins: [UI],
    audit,
    logger: { level: 'info', stream } as never,
  });
  const encrypted = await codec.encode([toPayload({ fullName: CANARY })], ctx(WF));
  const body = { payloads: encrypted.map((p) => ({ metadata: Object.fromEntries(Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])), data: Buffer.from(p.data!).toString('base64') })) };
  const decode = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/decode', headers: { 'content-type': 'application/json', ...headers }, payload: body });
  return { app, token, other, lines, body, decode, anna };
}

describe('the codec endpoint', () => {
  it('answers the preflight for exactly the UI origin, and refuses any other', async () => {
    const { app } = await setup();
    const ok = await app.inject({ method: 'OPTIONS', url: '/decode', headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(UI);
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/authorization/);
    for (const origin of ['http://localhost:8234', 'https://evil.example', 'null']) {
      const refused = await app.inject({ method: 'OPTIONS', url: '/decode', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('decodes for a supervisor with a valid token in a namespace of theirs', async () => {
    const { decode, token, lines, anna } = await setup();
    const res = await decode({ origin: UI, authorization: `Bearer ${token}`, 'x-namespace': 'default' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(UI);
    const [payload] = (res.json() as { payloads: Array<{ metadata: Record<string, string>; data: string }> }).payloads;
    const decoded = { metadata: Object.fromEntries(Object.entries(payload!.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])), data: Buffer.from(payload!.data, 'base64') };
    expect(fromPayload(decoded)).toEqual({ fullName: CANARY });
    // The log line names the supervisor and the count, never the content or the token.
    expect(lines.join('')).toMatch(/sup-anna/);
    // The audit log holds the read: who, as what, and that it was done.
    expect((await readAudit(store.db, { actor: anna })).map((e) => [e.role, e.action, e.programme, e.result])).toEqual([['supervisor', 'decode.break-glass', null, 'done']]);
    expect(lines.join('')).not.toContain('Canarescu');
    expect(lines.join('')).not.toContain(token);
  });

  it('refuses without a token, with a wrong token, another namespace, or a foreign origin', async () => {
    const { decode, token, other, lines, anna } = await setup();
    expect((await decode({ origin: UI, 'x-namespace': 'default' })).statusCode).toBe(401);
    expect((await decode({ origin: UI, authorization: `Bearer ${generateToken()}`, 'x-namespace': 'default' })).statusCode).toBe(401);
    expect((await decode({ origin: UI, authorization: `Bearer ${token}`, 'x-namespace': 'elsewhere' })).statusCode).toBe(403);
    expect((await decode({ origin: UI, authorization: `Bearer ${token}` })).statusCode).toBe(403);
    expect((await decode({ origin: UI, authorization: `Bearer ${other}`, 'x-namespace': 'default' })).statusCode).toBe(403);
    expect((await decode({ origin: 'https://evil.example', authorization: `Bearer ${token}`, 'x-namespace': 'default' })).statusCode).toBe(403);
    expect(lines.join('')).not.toContain('Canarescu');
    // The supervisor's two refused namespaces are audited; no token (or a foreign origin) names nobody.
    expect((await readAudit(store.db, { actor: anna })).map((e) => [e.action, e.result])).toEqual([
      ['decode.break-glass', 'refused'],
      ['decode.break-glass', 'refused'],
    ]);
  });

  it('decodes nothing when the audit log cannot be written', async () => {
    const { decode, token } = await setup({ record: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) });
    const res = await decode({ origin: UI, authorization: `Bearer ${token}`, 'x-namespace': 'default' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).not.toContain('Canarescu');
    expect(res.json()).toEqual({ error: 'the audit log is unavailable; nothing was decoded, try again shortly' });
  });

  it('answers an empty namespace (the Temporal CLI without -n) with the rule, and logs every refusal with its reason', async () => {
    const { decode, token, lines } = await setup();
    const empty = await decode({ authorization: `Bearer ${token}`, 'x-namespace': '' });
    expect(empty.statusCode).toBe(403);
    expect(empty.json()).toEqual({ error: 'X-Namespace: expected the namespace to decode for, one of default; the request named none (with the Temporal CLI, add -n default)' });
    await decode({ 'x-namespace': 'default' });
    await decode({ authorization: `Bearer ${generateToken()}`, 'x-namespace': 'default' });
    await decode({ authorization: `Bearer ${token}`, 'x-namespace': 'elsewhere' });
    await decode({ origin: 'https://evil.example', authorization: `Bearer ${token}`, 'x-namespace': 'default' });
    const refusals = lines.map((l) => JSON.parse(l) as { msg: string; reason?: string; status?: number }).filter((l) => l.msg === 'refused');
    expect(refusals.map((r) => [r.status, r.reason])).toEqual([
      [403, expect.stringMatching(/^X-Namespace: .*add -n default/)],
      [401, "a supervisor's access token from the identity provider is required (Authorization: Bearer <token>)"],
      [401, 'the access token is not valid for this endpoint'],
      [403, 'X-Namespace: expected a namespace this supervisor may read'],
      [403, 'origin not allowed'],
    ]);
    expect(lines.join('')).not.toContain(token);
  });

  it('leaves a payload that does not authenticate as ciphertext (here: moved to another namespace)', async () => {
    const { app, other, body } = await setup();
    const res = await app.inject({ method: 'POST', url: '/decode', headers: { authorization: `Bearer ${other}`, 'x-namespace': 'elsewhere', 'content-type': 'application/json' }, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(body);
  });
});
