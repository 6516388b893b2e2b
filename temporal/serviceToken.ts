/**
 * A service's own token for a secured Temporal frontend: the worker, the gateway and the web app
 * each sign in at the centre's identity provider as a client of their own (OAuth 2.0 client
 * credentials, RFC 6749 §4.4), and the provider puts that client's Temporal permissions in the
 * access token (the `permissions` claim the server's claim mapper reads). No key that can mint
 * tokens is in any of these processes: each holds only its own client secret, and a token it loses
 * is worth minutes.
 *
 * The token is renewed before it expires (at three quarters of its life), and a failed renewal is
 * tried again every few seconds while the old token still holds, so a provider that is down for a
 * moment costs nothing. Every connection of the process reads the current token at each call.
 */
import * as oidc from 'openid-client';
import { discoverProvider } from '../identity/provider.js';

export interface ServiceTokenSettings {
  /** The identity provider's issuer URL. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The resource the token is for (RFC 8707), when the provider wants one. */
  resource?: string;
  /** The scope to ask for, when the provider wants one (Entra: `api://…/.default`). */
  scope?: string;
}

/** No first token: the provider did not answer, or answered and refused this client (`refused`). */
export class ServiceTokenUnavailable extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ServiceTokenUnavailable';
  }
}

const RETRY_MS = 5_000;
/** Renewed at least daily, whatever the token's life (and within what a timer can wait). */
const LONGEST_WAIT_MS = 24 * 3600 * 1000;

export class ServiceToken {
  private token: { value: string; expiresAt: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: ((token: string) => Promise<void> | void)[] = [];
  private stopped = false;

  private constructor(
    private readonly settings: ServiceTokenSettings,
    private readonly provider: oidc.Configuration,
  ) {}

  /** Signs in once (a process that cannot get its first token does not start), then keeps the token fresh. */
  static async start(settings: ServiceTokenSettings): Promise<ServiceToken> {
    let provider: oidc.Configuration;
    try {
      provider = await discoverProvider(settings.issuer, settings.clientId, settings.clientSecret, oidc.ClientSecretPost(settings.clientSecret));
    } catch (err) {
      throw new ServiceTokenUnavailable(`Cannot read the identity provider at ${settings.issuer} (PR_TEMPORAL_TOKEN_ISSUER): ${reason(err)}.`, false, { cause: err });
    }
    const source = new ServiceToken(settings, provider);
    try {
      await source.renew();
    } catch (err) {
      throw new ServiceTokenUnavailable(`The identity provider at ${settings.issuer} gave client ${settings.clientId} no Temporal token (PR_TEMPORAL_TOKEN_CLIENT_ID, PR_TEMPORAL_TOKEN_CLIENT_SECRET): ${reason(err)}.`, err instanceof oidc.ResponseBodyError, { cause: err });
    }
    return source;
  }

  /** The token to send now (the first is there from the start). */
  current(): string {
    return this.token!.value;
  }

  /** Told each new token (a worker's native connection holds its own copy). */
  onRenewal(listener: (token: string) => Promise<void> | void): void {
    this.listeners.push(listener);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async renew(): Promise<void> {
    const answer = await oidc.clientCredentialsGrant(this.provider, {
      ...(this.settings.resource ? { resource: this.settings.resource } : {}),
      ...(this.settings.scope ? { scope: this.settings.scope } : {}),
    });
    // Its connections closed meanwhile: nobody is left to hand it to.
    if (this.stopped) return;
    const lifeMs = (answer.expiresIn() ?? 300) * 1000;
    this.token = { value: answer.access_token, expiresAt: Date.now() + lifeMs };
    for (const listener of this.listeners) await listener(answer.access_token);
    this.schedule(Math.min(lifeMs * 0.75, LONGEST_WAIT_MS));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    // Never keeps the process alive on its own: the connections do, and they stop it when they close.
    this.timer = setTimeout(() => {
      this.renew().catch((err: unknown) => {
        const left = (this.token?.expiresAt ?? 0) - Date.now();
        console.warn(`Renewing the Temporal token of client ${this.settings.clientId} failed (${reason(err)}); trying again in ${RETRY_MS / 1000} s, the current one holds for ${Math.max(0, Math.round(left / 1000))} s more.`);
        this.schedule(RETRY_MS);
      });
    }, ms);
    this.timer.unref();
  }
}

function reason(err: unknown): string {
  const e = err as { error?: string; error_description?: string; message?: string };
  return e.error_description ?? e.error ?? e.message ?? String(err);
}
