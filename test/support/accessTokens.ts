/**
 * Access tokens from the local OpenID provider for tests of the JSON API: the authorization code
 * flow with PKCE through the provider's own login form (as a person signs in), the code exchanged
 * by `openid-client` as any client program would. `resource` asks for a token for another audience.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { DEV_CLIENT_ID, DEV_IDP_PASSWORD, type DevDesk } from '../../dev/desk.js';
import { SCOPES } from '../../web/login.js';
import type { startTestDesk } from './desk.js';
import { SignedInClient } from './signedInClient.js';

type TestDesk = Awaited<ReturnType<typeof startTestDesk>>;

export async function accessTokenFor(desk: TestDesk, staffId: string, options: { resource?: string } = {}): Promise<string> {
  const secret = readFileSync(join(desk.dataDir, 'desk-client-secret'), 'utf8').trim();
  return (await signInTokens(desk, { clientId: DEV_CLIENT_ID, clientSecret: secret, callback: `${desk.url}/auth/callback` }, staffId, options)).access_token;
}

/**
 * The tokens `client` receives when `staffId` signs in through it (the Temporal Web UI's client:
 * confidential, without PKCE), as the client's server-side code receives them.
 */
export async function signInTokens(
  desk: DevDesk,
  client: { clientId: string; clientSecret: string; callback: string; pkce?: false },
  staffId: string,
  options: { resource?: string } = {},
): Promise<oidc.TokenEndpointResponse> {
  const configuration = await oidc.discovery(new URL(desk.issuer), client.clientId, client.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const callback = client.callback;
  const start = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: callback,
    scope: client.pkce === false ? 'openid profile email' : SCOPES,
    ...(client.pkce === false ? { nonce } : { code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }),
    state,
    ...(options.resource ? { resource: options.resource } : {}),
  });
  // A cookie jar for the provider's session; the app itself is never asked.
  const browser = new SignedInClient(desk);
  let url = start.href;
  let answer = await browser.request('GET', url);
  for (let hops = 0; hops < 20; hops++) {
    if (answer.location) {
      url = new URL(answer.location, url).href;
      if (url.startsWith(callback)) break;
      answer = await browser.request('GET', url);
      continue;
    }
    const action = /<form method="post" action="([^"]+)"/.exec(answer.body)?.[1];
    if (!action) throw new Error(`the provider stopped at ${url} (${answer.status})`);
    url = new URL(action, url).href;
    answer = await browser.request('POST', url, { username: staffId, password: DEV_IDP_PASSWORD });
  }
  if (!url.startsWith(callback)) throw new Error(`sign-in as ${staffId} did not come back (${url})`);
  return oidc.authorizationCodeGrant(configuration, new URL(url), client.pkce === false ? { expectedState: state, expectedNonce: nonce } : { pkceCodeVerifier: verifier, expectedState: state });
}

/** A request to the app's JSON API with a bearer token; the answer's status and JSON. */
export async function api(desk: TestDesk, token: string | undefined, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { error?: string }; headers: Headers }> {
  const response = await fetch(new URL(`/api/v1${path}`, desk.url), {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
