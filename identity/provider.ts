/**
 * Reaching the identity provider through `openid-client`: its metadata read from its discovery
 * document, for the web app's sign-in, the command line's device flow and the services' own tokens.
 * Plain HTTP is only ever accepted from a provider on this machine (the local stack and the tests).
 */
import * as oidc from 'openid-client';

export function isLoopbackHttp(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

/** The provider's configuration for one client: with its secret (a server), or none (the command line). */
export function discoverProvider(issuer: string, clientId: string, clientSecret: string | undefined, auth?: oidc.ClientAuth): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, clientSecret, auth, isLoopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined);
}
