/**
 * Access tokens from the identity provider, checked by each server that accepts them (the app's
 * JSON API, the codec endpoint): the signature against the provider's published keys (its JWKS, read
 * from its discovery document and refreshed by `jose` when the provider rotates keys), the issuer,
 * the audience this server answers to, the expiry, and the role claim. Whatever fails, the caller
 * learns only that the token was not accepted; the reason is for the server's audit and logs.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export interface AccessTokenSettings {
  /** The provider's issuer URL, exactly as its tokens carry it in `iss`. */
  issuer: string;
  /** Who the token must be for (`aud`): this server's resource identifier at the provider. */
  audience: string;
  /** Seconds of clock difference tolerated between the provider and this server. */
  clockToleranceSeconds?: number;
}

export class TokenRefused extends Error {
  constructor(readonly reason: 'missing' | 'malformed' | 'expired' | 'signature' | 'issuer' | 'audience' | 'claims' | 'provider-unreachable') {
    super(`access token refused: ${reason}`);
    this.name = 'TokenRefused';
  }
}

export class AccessTokenVerifier {
  private keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  constructor(private readonly settings: AccessTokenSettings) {}

  /** The provider's keys, found through its discovery document; read again at the next token if the provider was down. */
  private jwks(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.keys ??= (async () => {
      const discovery = new URL('.well-known/openid-configuration', this.settings.issuer.endsWith('/') ? this.settings.issuer : `${this.settings.issuer}/`);
      const response = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`the identity provider's discovery document answered ${response.status}`);
      const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
      if (!jwksUri) throw new Error('the identity provider publishes no jwks_uri');
      return createRemoteJWKSet(new URL(jwksUri));
    })().catch((err: unknown) => {
      this.keys = undefined;
      throw err;
    });
    return this.keys;
  }

  /** The token's claims when it is a valid, unexpired access token of this provider for this audience. */
  async verify(token: string | undefined): Promise<JWTPayload> {
    if (!token) throw new TokenRefused('missing');
    let keys: ReturnType<typeof createRemoteJWKSet>;
    try {
      keys = await this.jwks();
    } catch {
      throw new TokenRefused('provider-unreachable');
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: this.settings.clockToleranceSeconds ?? 5,
        // Access tokens of oidc-provider and most providers are `at+jwt` (RFC 9068); asymmetric signatures only.
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      });
      return payload;
    } catch (err) {
      throw new TokenRefused(reasonOf(err));
    }
  }
}

function reasonOf(err: unknown): TokenRefused['reason'] {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) return err.claim === 'iss' ? 'issuer' : err.claim === 'aud' ? 'audience' : 'claims';
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) return 'signature';
  return 'malformed';
}

/** `Authorization: Bearer <token>` → the token; anything else → undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header ?? '');
  return match?.[1];
}
