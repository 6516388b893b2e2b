/**
 * The caseworkers' web app in the local stack, with its own local OpenID provider: users from the
 * staff directory, one local password, a session key created on first start and kept in the data
 * folder. The tests start the same pair the same way.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { loadStaffDirectory } from '../activities/staffDirectory.js';
import { createWebApp, type WebApp } from '../web/app.js';
import { loadWebConfig } from '../web/config.js';
import type { TemporalProfile } from '../temporal/profile.js';
import { startIdentityProvider, type IdentityClient, type IdentityUser, type RunningIdentityProvider, type ServiceClient } from './identityProvider.js';
import { temporalUiClient as uiClientFor } from './temporalUi.js';

export const DEV_IDP_PASSWORD = 'prepared-return';
export const DEV_CLIENT_ID = 'prepared-return-desk';
export const DEV_CLI_CLIENT_ID = 'prepared-return-cli';
export const DEV_API_AUDIENCE = 'urn:prepared-return:api';
export const DEV_CODEC_AUDIENCE = 'urn:prepared-return:codec';

export interface DevDeskOptions {
  host: string;
  webPort: number;
  idpPort: number;
  dataDir: string;
  /**
   * The stack's own Temporal server: the app connects there, whatever the environment's profile
   * says. Or how to start it once the provider serves its keys, for a frontend that trusts them.
   */
  temporal: TemporalProfile | (() => Promise<TemporalProfile>);
  taskQueue?: string;
  staffDirectory: string;
  env: Record<string, string | undefined>;
  /** Overrides for the app's settings (tests: a short session, a low sign-in rate). */
  settings?: Record<string, string>;
  logLevel?: string;
  logStream?: NodeJS.WritableStream;
  /** Other servers the provider issues access tokens for (the codec endpoint). */
  otherAudiences?: string[];
  /** Seconds the provider's access tokens last. */
  accessTokenTtl?: number;
  /** The Temporal Web UI's origin, when supervisors sign in to it at this provider too. */
  temporalUiOrigin?: string;
  /** What each user may do at a secured Temporal frontend (the provider's `temporalPermissions`). */
  temporalPermissions?: (user: IdentityUser) => string[];
  /** The services that sign in at the provider for their Temporal tokens, and how long one lasts (seconds). */
  services?: ServiceClient[];
  serviceTokenTtl?: number;
}

export interface DevDesk {
  url: string;
  issuer: string;
  web: WebApp;
  idp: RunningIdentityProvider;
  /** The Temporal Web UI's client at the provider, when `temporalUiOrigin` was given. */
  temporalUiClient?: IdentityClient;
  stop(): Promise<void>;
}

export async function startDevDesk(options: DevDeskOptions): Promise<DevDesk> {
  const host = options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  const url = `http://${host}:${options.webPort}`;
  const clientSecret = devSecret(options.dataDir, 'desk-client-secret');
  const temporalUiClient = options.temporalUiOrigin ? uiClientFor(options.temporalUiOrigin, devSecret(options.dataDir, 'temporal-ui-client-secret')) : undefined;
  const idp = await startIdentityProvider({
    host: options.host,
    port: options.idpPort,
    staff: loadStaffDirectory(resolve(options.staffDirectory)).file,
    password: options.env.PR_IDP_PASSWORD ?? DEV_IDP_PASSWORD,
    apiAudiences: [options.settings?.PR_API_AUDIENCE ?? DEV_API_AUDIENCE, ...(options.otherAudiences ?? [])],
    ...(options.accessTokenTtl ? { accessTokenTtl: options.accessTokenTtl } : {}),
    ...(options.temporalPermissions ? { temporalPermissions: options.temporalPermissions } : {}),
    ...(options.services ? { services: options.services } : {}),
    ...(options.serviceTokenTtl ? { serviceTokenTtl: options.serviceTokenTtl } : {}),
    clients: [
      { clientId: DEV_CLIENT_ID, clientSecret, redirectUris: [`${url}/auth/callback`], postLogoutRedirectUris: [`${url}/signed-out`] },
      { clientId: DEV_CLI_CLIENT_ID, clientSecret: '', redirectUris: [], postLogoutRedirectUris: [], public: true },
      ...(temporalUiClient ? [temporalUiClient] : []),
    ],
  });
  const env = {
    ...options.env,
    PR_DATA_DIR: options.dataDir,
    PR_WEB_HOST: options.host,
    PR_WEB_PORT: String(options.webPort),
    PR_WEB_PUBLIC_URL: url,
    PR_OIDC_ISSUER: idp.issuer,
    PR_OIDC_CLIENT_ID: DEV_CLIENT_ID,
    PR_OIDC_CLIENT_SECRET: clientSecret,
    PR_WEB_SESSION_KEY: devSecret(options.dataDir, 'desk-session-key'),
    // Plain HTTP on this machine only; a deployment serves the app over HTTPS with secure cookies.
    PR_WEB_SECURE_COOKIES: 'false',
    PR_STAFF_DIRECTORY: options.staffDirectory,
    PR_WEB_DATA_DIR: join(options.dataDir, 'web'),
    ...(options.taskQueue ? { TEMPORAL_TASK_QUEUE: options.taskQueue } : {}),
    ...options.settings,
  };
  try {
    const temporal = typeof options.temporal === 'function' ? await options.temporal() : options.temporal;
    const web = await createWebApp(loadWebConfig(env, temporal), env, {
      ...(options.logStream ? { logStream: options.logStream } : {}),
      logLevel: options.logLevel ?? 'warn',
    });
    await web.app.listen({ host: options.host, port: options.webPort });
    return {
      url,
      issuer: idp.issuer,
      web,
      idp,
      ...(temporalUiClient ? { temporalUiClient } : {}),
      async stop() {
        await web.close().catch(() => undefined);
        await idp.stop();
      },
    };
  } catch (err) {
    await idp.stop();
    throw err;
  }
}

/** 32 random bytes, hex, created once in the data folder (readable by this user only). */
function devSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
