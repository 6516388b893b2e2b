/**
 * The web app's settings, validated once at start like every other process: where it listens, which
 * identity provider signs people in, how long a session lasts, where the audit trail and the erasure
 * requests are kept. Temporal and the payload keys are configured as for the client (client/config.ts,
 * codec/config.ts): only this server process holds the keys; no key reaches a browser.
 */
import { z } from 'zod';
import { definedEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';
import { loadClientConfig, type ClientConfig } from '../client/config.js';
import type { TemporalProfile } from '../temporal/profile.js';

const port = z.coerce.number({ error: 'expected a port number' }).int('expected a whole port number').min(0).max(65535, 'expected a port from 1 to 65535');
const seconds = z.coerce.number({ error: 'expected a number of seconds' }).int('expected whole seconds').min(1, 'expected at least 1 second');

export const WebEnv = z.object({
  PR_WEB_HOST: z.string().min(1, 'expected a host or IP address').default('127.0.0.1'),
  PR_WEB_PORT: port.default(8095),
  /** The address people type, e.g. https://desk.example.org; the login callback is derived from it. */
  PR_WEB_PUBLIC_URL: z.url({ error: 'expected the public URL of the app, e.g. https://desk.example.org' }),
  /** The identity provider's issuer URL (its /.well-known/openid-configuration is read at start). */
  PR_OIDC_ISSUER: z.url({ error: 'expected the issuer URL of the identity provider' }),
  PR_OIDC_CLIENT_ID: z.string().min(1, 'expected the client id registered at the identity provider'),
  PR_OIDC_CLIENT_SECRET: z.string().min(1, 'expected the client secret registered at the identity provider'),
  /** The claim that carries the role (caseworker, supervisor, data-protection-officer, analyst). */
  PR_OIDC_ROLE_CLAIM: z.string().min(1).default('role'),
  PR_OIDC_TEAM_CLAIM: z.string().min(1).default('team'),
  /**
   * The audience (`aud`) of access tokens the JSON API accepts: the API's resource identifier at the
   * provider (Keycloak: the client's audience mapper; Entra ID: the Application ID URI, api://…).
   */
  /** The command line's client id at the provider (a public client allowed the device flow). */
  PR_CLI_CLIENT_ID: z.string().min(1).default('prepared-return-cli'),
  PR_API_AUDIENCE: z.string().min(1, 'expected the API\'s audience, e.g. urn:prepared-return:api').default('urn:prepared-return:api'),
  /** 32 random bytes, hex: encrypts and signs the session cookie. Rotating it signs everyone out. */
  PR_WEB_SESSION_KEY: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 hexadecimal characters (32 random bytes), e.g. from `openssl rand -hex 32`'),
  /** A session ends this long after sign-in, whatever happens. */
  PR_WEB_SESSION_MAX_AGE: seconds.default(8 * 3600),
  /** …and this long after the last request. */
  PR_WEB_SESSION_IDLE: seconds.default(30 * 60),
  /** Sign-in attempts per minute from one address. */
  PR_WEB_LOGIN_RATE: z.coerce.number().int().min(1).default(10),
  /** The staff directory: teams decide whose programmes a caseworker sees. */
  PR_STAFF_DIRECTORY: z.string().min(1, 'expected a file path').default('dev/staff.yaml'),
  /** Append-only audit trail and the erasure requests waiting for the data protection officer. */
  PR_WEB_DATA_DIR: z.string().min(1, 'expected a folder path').default('.data/web'),
  /** Cookies only over HTTPS; off only for plain-HTTP development on localhost. */
  PR_WEB_SECURE_COOKIES: z.enum(['true', 'false'], { error: 'expected true or false' }).default('true').transform((v) => v === 'true'),
});
export type WebSettings = z.output<typeof WebEnv>;
export type WebConfig = WebSettings & ClientConfig;

/** `temporal` is given by the local stack, which started its own server; otherwise the profile is read. */
export function loadWebConfig(env: Record<string, string | undefined>, temporal?: TemporalProfile): WebConfig {
  const settings = parseOrThrow(WebEnv, definedEnv(env), 'The environment');
  return { ...settings, ...loadClientConfig(env, temporal) };
}
