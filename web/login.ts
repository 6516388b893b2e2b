/**
 * Signing in with OpenID Connect: authorization code with PKCE, a state and a nonce, through
 * `openid-client` against any standard provider. The provider's metadata is read once and kept;
 * if the provider is down at start, it is read again at the next sign-in.
 */
import * as oidc from 'openid-client';
import { discoverProvider } from '../identity/provider.js';
import type { WebConfig } from './config.js';
import { userFromClaims, type User } from './user.js';

export const SCOPES = 'openid profile prepared-return';

/** What the browser's session keeps between leaving for the provider and coming back. */
export interface PendingLogin {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export class Login {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly config: WebConfig) {}

  private provider(): Promise<oidc.Configuration> {
    this.configuration ??= discoverProvider(this.config.PR_OIDC_ISSUER, this.config.PR_OIDC_CLIENT_ID, this.config.PR_OIDC_CLIENT_SECRET)
      .catch((err: unknown) => {
        this.configuration = undefined;
        throw err;
      });
    return this.configuration;
  }

  get callbackUrl(): string {
    return new URL('/auth/callback', this.config.PR_WEB_PUBLIC_URL).href;
  }

  async start(returnTo: string): Promise<{ url: string; pending: PendingLogin }> {
    const configuration = await this.provider();
    const verifier = oidc.randomPKCECodeVerifier();
    const pending: PendingLogin = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce(), returnTo };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.callbackUrl,
      scope: SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The provider sent her back: exchange the code, check the ID token, and she is who it says. */
  async finish(currentUrl: URL, pending: PendingLogin): Promise<{ user: User; idToken: string }> {
    const configuration = await this.provider();
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('the identity provider sent no ID token');
    return { user: userFromClaims(claims, this.config.PR_OIDC_ROLE_CLAIM, this.config.PR_OIDC_TEAM_CLAIM), idToken: tokens.id_token };
  }

  /** Where to send her to end the provider's session too; null when the provider has no end-session endpoint. */
  async logoutUrl(idToken: string | undefined): Promise<string | null> {
    const configuration = await this.provider().catch(() => undefined);
    if (!configuration?.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: new URL('/signed-out', this.config.PR_WEB_PUBLIC_URL).href,
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).href;
  }

  /** The provider's origin, which the Content-Security-Policy lets forms go to (sign-out). */
  get providerOrigin(): string {
    return new URL(this.config.PR_OIDC_ISSUER).origin;
  }
}
