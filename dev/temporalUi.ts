/**
 * The Temporal Web UI server as this machine runs it (`npm run start:cluster`, the UI sign-in test):
 * the UI server renders deploy/temporal-ui/config/production.yaml itself, the same file
 * docker-compose.yml mounts, so the settings below are the template's variables and nothing else.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Child } from './childProcess.js';
import type { IdentityClient } from './identityProvider.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const UI_DEPLOY_DIR = join(ROOT, 'deploy', 'temporal-ui');

export interface TemporalUiOptions {
  /** The ui-server executable (dev/temporal-production.ts finds or builds it). */
  uiServer: string;
  temporalAddress: string;
  host: string;
  port: number;
  namespace: string;
  /** The origin browsers reach the UI at; also its only CORS origin. */
  origin: string;
  codecEndpoint: string;
  logDir: string;
  /** Single sign-on at an OpenID provider; the UI then passes the access token to the codec endpoint (and to a secured frontend). */
  signIn?: { providerUrl: string; clientId: string; clientSecret: string; resource?: string };
  /** Mutual TLS to a secured frontend: the CA it trusts, its own certificate and key, the server's name. */
  tls?: { caCert: string; cert: string; key: string; serverName: string };
}

/** The path the provider sends the browser back to after sign-in: the client's redirect URI. */
const uiCallbackUrl = (origin: string): string => `${origin}/auth/sso/callback`;

/**
 * The UI server's client at the local provider: confidential, and without PKCE, which the UI server
 * cannot send; its secret and its state and nonce cookies protect its sign-in.
 */
export function temporalUiClient(origin: string, clientSecret: string): IdentityClient {
  return { clientId: 'prepared-return-temporal-ui', clientSecret, redirectUris: [uiCallbackUrl(origin)], postLogoutRedirectUris: [], withoutPkce: true };
}

/** Starts the UI server; it is ready once `waitForOutput(TEMPORAL_UI_STARTED)` returns. */
export function startTemporalUi(options: TemporalUiOptions): Child {
  const { signIn, tls } = options;
  return new Child({
    name: 'temporal-ui',
    command: options.uiServer,
    args: ['--root', UI_DEPLOY_DIR, '--config', 'config', '--env', 'production', 'start'],
    cwd: ROOT,
    logDir: options.logDir,
    env: {
      PATH: process.env.PATH ?? '',
      PR_UI_TEMPORAL_ADDRESS: options.temporalAddress,
      PR_UI_HOST: options.host,
      PR_UI_PORT: String(options.port),
      PR_UI_NAMESPACE: options.namespace,
      PR_UI_CORS_ORIGINS: options.origin,
      PR_UI_CODEC_ENDPOINT: options.codecEndpoint,
      ...(signIn
        ? {
            PR_UI_AUTH_ENABLED: 'true',
            PR_UI_AUTH_PROVIDER_URL: signIn.providerUrl,
            PR_UI_AUTH_CLIENT_ID: signIn.clientId,
            PR_UI_AUTH_CLIENT_SECRET: signIn.clientSecret,
            PR_UI_AUTH_CALLBACK_URL: uiCallbackUrl(options.origin),
            ...(signIn.resource ? { PR_UI_AUTH_RESOURCE: signIn.resource } : {}),
          }
        : {}),
      ...(tls ? { PR_UI_TLS_CA: tls.caCert, PR_UI_TLS_CERT: tls.cert, PR_UI_TLS_KEY: tls.key, PR_UI_TLS_SERVER_NAME: tls.serverName } : {}),
    },
  });
}

/** What the UI server prints once it listens. */
export const TEMPORAL_UI_STARTED = /http server started/i;
