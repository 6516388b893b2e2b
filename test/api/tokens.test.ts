/**
 * The JSON API accepts only the identity provider's unexpired access tokens for the API's audience:
 * an expired token, a token for another audience, a tampered one, one signed by another key and
 * none at all are each refused with 401 and the `unauthenticated` code, and change nothing.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, decodeJwt } from 'jose';
import { DESK_STAFF, startTestDesk } from '../support/desk.js';
import { accessTokenFor, api } from '../support/accessTokens.js';
import { uniqueTaskQueue } from '../support/temporal.js';

const OTHER_AUDIENCE = 'urn:prepared-return:elsewhere';
const TTL_SECONDS = 3;
let desk: Awaited<ReturnType<typeof startTestDesk>>;

beforeAll(async () => {
  desk = await startTestDesk({ taskQueue: uniqueTaskQueue('api-tokens'), accessTokenTtl: TTL_SECONDS, otherAudiences: [OTHER_AUDIENCE] });
}, 120_000);

afterAll(async () => {
  await desk?.stop();
});

const refused = (answer: Awaited<ReturnType<typeof api>>) => {
  expect(answer.status).toBe(401);
  expect(answer.body.error).toBe('unauthenticated');
  expect(answer.headers.get('www-authenticate')).toContain('Bearer');
};

describe('access tokens at the JSON API', () => {
  it('a fresh token of the provider for the API signs its user in, with the role and team it carries', async () => {
    const token = await accessTokenFor(desk, DESK_STAFF.caseworker);
    const claims = decodeJwt(token);
    expect([claims.aud, claims.iss, claims.role, claims.team]).toEqual(['urn:prepared-return:api', desk.issuer, 'caseworker', 'team-a']);
    const me = await api(desk, token, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: DESK_STAFF.caseworker, role: 'caseworker', team: 'team-a' });
  }, 60_000);

  it('no token, a malformed header, a tampered token and one signed by another key are refused', async () => {
    refused(await api(desk, undefined, 'GET', '/caseload'));
    refused(await api(desk, 'not-a-jwt', 'GET', '/caseload'));
    const token = await accessTokenFor(desk, DESK_STAFF.caseworker);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    // The same token claiming to be a supervisor: the signature no longer matches.
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), role: 'supervisor' })).toString('base64url');
    refused(await api(desk, `${header}.${forged}.${signature}`, 'GET', '/caseload'));
    expect(payload).not.toBe(forged);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const foreignKey = await new SignJWT({ ...decodeJwt(token) }).setProtectedHeader({ alg: 'RS256', kid: JSON.parse(Buffer.from(header, 'base64url').toString()).kid }).sign(privateKey);
    refused(await api(desk, foreignKey, 'GET', '/caseload'));
  }, 60_000);

  it('a token of the same provider for another audience is refused', async () => {
    const elsewhere = await accessTokenFor(desk, DESK_STAFF.supervisor, { resource: OTHER_AUDIENCE });
    expect(decodeJwt(elsewhere).aud).toBe(OTHER_AUDIENCE);
    refused(await api(desk, elsewhere, 'GET', '/caseload'));
  }, 60_000);

  it('an expired token is refused', async () => {
    const token = await accessTokenFor(desk, DESK_STAFF.supervisor);
    expect((await api(desk, token, 'GET', '/me')).status).toBe(200);
    const { exp, iat } = decodeJwt(token);
    expect(exp! - iat!).toBe(TTL_SECONDS);
    // The API tolerates 5 s of clock difference; wait until the token is past that.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (exp! + 6) * 1000 - Date.now())));
    refused(await api(desk, token, 'GET', '/me'));
  }, 90_000);
});
