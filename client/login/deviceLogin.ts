/**
 * Signing the command line in with the OAuth 2.0 device authorization grant (RFC 8628): the app
 * says which identity provider and client to use, the provider gives a code, the person approves it
 * in her browser, and the command line receives an access token for the app's API (and a refresh
 * token, so she signs in once a working day, not once an hour).
 */
import * as oidc from 'openid-client';
import { discoverProvider } from '../../identity/provider.js';
import { readLogin, writeLogin, type StoredLogin } from './tokenFile.js';

export const CLI_SCOPES = 'openid profile prepared-return offline_access';

interface SignInDetails {
  issuer: string;
  clientId: string;
  audience: string;
}

async function providerFor(issuer: string, clientId: string): Promise<oidc.Configuration> {
  return discoverProvider(issuer, clientId, undefined, oidc.None());
}

export async function deviceLogin(appUrl: string, file: string, show: (prompt: { url: string; userCode: string; verificationUri: string }) => void): Promise<StoredLogin> {
  const answer = await fetch(new URL('/api/v1/sign-in', appUrl));
  if (!answer.ok) throw new Error(`the app at ${appUrl} did not say how to sign in (HTTP ${answer.status})`);
  const details = (await answer.json()) as SignInDetails;
  const provider = await providerFor(details.issuer, details.clientId);
  const device = await oidc.initiateDeviceAuthorization(provider, { scope: CLI_SCOPES, resource: details.audience });
  show({ url: device.verification_uri_complete ?? device.verification_uri, userCode: device.user_code, verificationUri: device.verification_uri });
  const tokens = await oidc.pollDeviceAuthorizationGrant(provider, device, { resource: details.audience });
  const login: StoredLogin = {
    appUrl,
    issuer: details.issuer,
    clientId: details.clientId,
    audience: details.audience,
    accessToken: tokens.access_token,
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    expiresAt: Math.floor(Date.now() / 1000) + (tokens.expiresIn() ?? 300),
  };
  writeLogin(file, login);
  return login;
}

/** The stored login with an access token good for at least a little while, refreshed when needed. */
export async function freshLogin(file: string): Promise<StoredLogin | undefined> {
  const login = readLogin(file);
  if (!login) return undefined;
  if (login.expiresAt - 30 > Date.now() / 1000) return login;
  if (!login.refreshToken) return undefined;
  const provider = await providerFor(login.issuer, login.clientId);
  const tokens = await oidc.refreshTokenGrant(provider, login.refreshToken, { resource: login.audience });
  const refreshed: StoredLogin = {
    ...login,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? login.refreshToken,
    expiresAt: Math.floor(Date.now() / 1000) + (tokens.expiresIn() ?? 300),
  };
  writeLogin(file, refreshed);
  return refreshed;
}

/** Ends the sign-in at the provider too (revokes the refresh token), as far as it answers. */
export async function revoke(login: StoredLogin): Promise<void> {
  const provider = await providerFor(login.issuer, login.clientId);
  if (login.refreshToken) await oidc.tokenRevocation(provider, login.refreshToken).catch(() => undefined);
}
