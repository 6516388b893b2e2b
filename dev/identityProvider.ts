/**
 * The local OpenID provider: a real `oidc-provider` with the fictional staff of the staff directory
 * as its users, for `npm start` and the tests. It speaks standard OpenID Connect (discovery,
 * authorization code with PKCE, ID tokens, end-session, device flow, client credentials for the
 * services' Temporal tokens), so the web app talks to it exactly as it
 * would to the centre's own provider in production.
 *
 * Every fictional user signs in with one local password (PR_IDP_PASSWORD). The claims the app needs
 * are `sub` (the staff id), `name`, `role` and, for caseworkers, `team`; a production provider sends
 * the same claims (README, "Signing in").
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { StaffDirectoryFile } from '../activities/staffDirectory.js';
import type { StaffRole } from '../domain/staff.js';
import { closeServer } from './httpServer.js';

export interface IdentityUser {
  id: string;
  name: string;
  role: StaffRole;
  team?: string;
}

export interface IdentityClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** A public client (the command line) has no secret: the device flow and PKCE protect it. */
  public?: boolean;
  /**
   * A server-side client that sends no PKCE challenge (the Temporal Web UI server): its secret
   * stays on the server, and its state and nonce cookies bind the sign-in to the browser.
   */
  withoutPkce?: boolean;
}

/**
 * A service that signs itself in for its Temporal token (temporal/serviceToken.ts): OAuth client
 * credentials, and the Temporal permissions its tokens carry.
 */
export interface ServiceClient {
  clientId: string;
  clientSecret: string;
  permissions: string[];
}

/** The resource services ask their Temporal tokens for (RFC 8707): the frontend's, by our name for it. */
export const TEMPORAL_RESOURCE = 'urn:prepared-return:temporal';

export interface IdentityProviderOptions {
  host: string;
  port: number;
  staff: StaffDirectoryFile;
  password: string;
  clients: IdentityClient[];
  /**
   * The servers that accept this provider's access tokens (the app's API, the codec endpoint), by
   * their resource identifier: access tokens for them are signed JWTs (RFC 9068) with that audience
   * and the user's role and team, so each server checks them against the provider's keys alone.
   */
  apiAudiences?: string[];
  /** Seconds an access token lasts (tests: a few, to see one expire). */
  accessTokenTtl?: number;
  /**
   * What a user may do at a secured Temporal frontend, as the `permissions` claim of her access
   * tokens (`<namespace>:read` for a supervisor reading programmes in the Web UI); none when empty.
   */
  temporalPermissions?: (user: IdentityUser) => string[];
  /** The services that sign in for Temporal tokens, and how long a token lasts (seconds; tests: a few, to see it renewed). */
  services?: ServiceClient[];
  serviceTokenTtl?: number;
}

export interface RunningIdentityProvider {
  issuer: string;
  users: IdentityUser[];
  stop(): Promise<void>;
}

/** The directory's people as sign-in users: caseworkers with their team, the other staff with their role. */
export function identityUsers(staff: StaffDirectoryFile): IdentityUser[] {
  return [
    ...Object.entries(staff.caseworkers).map(([id, c]) => ({ id, name: c.name ?? id, role: 'caseworker' as const, ...(c.team ? { team: c.team } : {}) })),
    ...Object.entries(staff.staff).map(([id, s]) => ({ id, name: s.name, role: s.role })),
  ];
}

export const APP_SCOPE = 'prepared-return';

/** The local provider's issuer URL, known before it starts (the codec endpoint starts first). */
export function localIssuer(host: string, port: number): string {
  return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
}

/** Where the provider serves its public keys (oidc-provider's `jwks` route), for servers that check its tokens. */
export const identityProviderKeys = (issuer: string): string => `${issuer}/jwks`;

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const issuer = localIssuer(options.host, options.port);
  const users = identityUsers(options.staff);
  const audiences = options.apiAudiences ?? [];
  const services = new Map((options.services ?? []).map((service) => [service.clientId, service]));
  const byId = new Map(users.map((u) => [u.id, u]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const configuration: Configuration = {
    clients: [
      // The services: client credentials for their Temporal tokens, nothing else.
      ...[...services.values()].map((service): ClientMetadata => ({
        client_id: service.clientId,
        client_secret: service.clientSecret,
        token_endpoint_auth_method: 'client_secret_post',
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
      })),
      ...options.clients.map((c): ClientMetadata =>
        c.public
          ? // The command line: the device flow (the person approves in her browser) and refreshing, nothing else.
            { client_id: c.clientId, token_endpoint_auth_method: 'none', redirect_uris: [], grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'], response_types: [] }
          : {
              client_id: c.clientId,
              client_secret: c.clientSecret,
              redirect_uris: c.redirectUris,
              post_logout_redirect_uris: c.postLogoutRedirectUris,
              grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
              response_types: ['code'],
            },
      ),
    ],
    scopes: ['openid', 'profile', APP_SCOPE, 'offline_access'],
    claims: { openid: ['sub'], profile: ['name'], [APP_SCOPE]: ['role', 'team'] },
    // The role and team travel in the ID token itself, as most enterprise providers send group claims.
    conformIdTokenClaims: false,
    pkce: { methods: ['S256'], required: (_ctx, client) => !options.clients.some((c) => c.clientId === client.clientId && c.withoutPkce) },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [privateKey.export({ format: 'jwk' }) as never] },
    features: {
      devInteractions: { enabled: false },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: async (ctx: KoaContextWithOIDC, form: string, _out: unknown, err: unknown) => {
          ctx.body = page('Sign in a device', `${err ? '<p class="error" role="alert">That code is not known or has expired. Try again.</p>' : ''}${form}<label for="user-code">Code shown by the command line</label><input id="user-code" name="user_code" form="op.deviceInputForm" autocomplete="off" required><button type="submit" form="op.deviceInputForm">Continue</button>`);
        },
        userCodeConfirmSource: async (ctx: KoaContextWithOIDC, form: string, _client: unknown, _device: unknown, userCode: string) => {
          ctx.body = page('Sign in the command line', `${form}<p>The command line asks to act as you. Check that it shows this code:</p><p><code>${userCode}</code></p><button type="submit" form="op.deviceConfirmForm">Continue</button><button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Cancel</button>`);
        },
        successSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page('Signed in', '<p>The command line is signed in. You can close this page.</p>');
        },
      },
      revocation: { enabled: true },
      clientCredentials: { enabled: services.size > 0 },
      resourceIndicators: {
        enabled: audiences.length > 0 || services.size > 0,
        // A client that names no resource gets a token for the app's API, a service one for Temporal.
        defaultResource: (_ctx, client) => (client && services.has(client.clientId) ? TEMPORAL_RESOURCE : audiences[0]!),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          // Temporal tokens only for the services, and no service gets a token for anything else.
          if (services.has(client.clientId) !== (resource === TEMPORAL_RESOURCE)) throw new errors.InvalidTarget();
          if (resource !== TEMPORAL_RESOURCE && !audiences.includes(resource)) throw new errors.InvalidTarget();
          return { scope: resource === TEMPORAL_RESOURCE ? 'temporal' : APP_SCOPE, audience: resource, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
      rpInitiatedLogout: { enabled: true, logoutSource },
    },
    ttl: { ClientCredentials: options.serviceTokenTtl ?? 600, AccessToken: options.accessTokenTtl ?? 3600, IdToken: 3600, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, DeviceCode: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // The role and team in the access token too: the API and the codec endpoint decide on them;
    // and the Temporal permissions, which the Web UI passes on to the frontend.
    async extraTokenClaims(_ctx, token) {
      const service = token.kind === 'ClientCredentials' ? services.get(String(token.clientId)) : undefined;
      if (service) return { permissions: service.permissions };
      const user = token.kind === 'AccessToken' && 'accountId' in token ? byId.get(String(token.accountId)) : undefined;
      if (!user) return undefined;
      const permissions = options.temporalPermissions?.(user) ?? [];
      return { role: user.role, ...(user.team ? { team: user.team } : {}), name: user.name, ...(permissions.length > 0 ? { permissions } : {}) };
    },
    async findAccount(_ctx, id) {
      const user = byId.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: user.name, role: user.role, ...(user.team ? { team: user.team } : {}) }) };
    },
    // The web app is the centre's own client: signing in is consent enough, there is no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { provider, session, client, result } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const grantId = (result?.consent as { grantId?: string } | undefined)?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(`openid profile ${APP_SCOPE} offline_access`);
      for (const audience of audiences) grant.addResourceScope(audience, APP_SCOPE);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const interaction = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(path);
    if (!interaction) return void callback(req, res);
    handleInteraction(req, res).catch((err: unknown) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`Sign-in could not continue: ${err instanceof Error ? err.message : 'unknown error'}. Start again from the application.`);
    });
  });

  async function handleInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login') {
      // Consent is granted by loadExistingGrant; any other prompt ends the interaction as it stands.
      await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method !== 'POST') return loginPage(res, details.uid, undefined, 200);
    const form = new URLSearchParams(await readBody(req));
    const user = byId.get(form.get('username') ?? '');
    if (!user || !samePassword(form.get('password') ?? '', options.password)) {
      return loginPage(res, details.uid, 'Unknown user name or wrong password.', 401);
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => resolve());
  });
  return { issuer, users, stop: () => closeServer(server) };
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('the form is too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const PAGE_STYLE = 'body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label{display:block;margin-top:1rem}input{display:block;width:100%;padding:.5rem;font-size:1rem}button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#a00;font-weight:bold}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${PAGE_STYLE}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function loginPage(res: ServerResponse, uid: string, error: string | undefined, status: number): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(
    page(
      'Sign in: local identity provider',
      `${error ? `<p class="error" role="alert">${error}</p>` : ''}<p>Fictional staff of the local stack (dev/staff.yaml).</p>
<form method="post" action="/interaction/${uid}">
<label for="username">User name</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
    ),
  );
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  // The provider's own form (with its CSRF field); one button signs out of the provider too.
  ctx.body = page('Sign out', `${form}<p>You are signing out of the local identity provider.</p><button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`);
}
