/**
 * Where Temporal is and how a process proves who it is to it: the connection profile, as the Temporal
 * CLI reads it too, so one shell profile or one profile file serves both. `@temporalio/envconfig`
 * reads it: the variables (TEMPORAL_ADDRESS, TEMPORAL_TLS_CLIENT_CERT_PATH, …) over the profile that
 * TEMPORAL_PROFILE names (else `default`) in the TOML file TEMPORAL_CONFIG_FILE names (else the CLI's
 * own, ~/.config/temporalio/temporal.toml). What it reads is checked here and every file read at once,
 * so a wrong setting stops the start with the variable's or the file key's name, not a TLS error later.
 */
import { readFileSync } from 'node:fs';
import { loadClientConfigProfile, toClientOptions, type ClientConfigProfile } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';
import { definedEnv } from '../domain/config.js';
import { fieldProblems, parseOrThrow, ValidationError } from '../domain/validation.js';
import type { ServiceTokenSettings } from './serviceToken.js';

export interface TemporalProfile {
  /** The frontend, host:port. */
  readonly address: string;
  readonly namespace: string;
  /** What the connection carries besides the address: TLS (false: plain text), an API key, gRPC headers. */
  readonly credentials: { tls: TLSConfig | boolean; apiKey?: string; metadata?: Record<string, string> };
  /** A service that signs in at the identity provider for its token (temporal/serviceToken.ts), renewed while it runs. */
  readonly serviceToken?: ServiceTokenSettings;
}

const flag = z.enum(['true', 'false', '1', '0'], { error: 'expected true or false' });
const path = z.string().min(1, 'expected a file path');

/** The profile's variables (the Temporal CLI's names). Their values are checked once merged with the file. */
export const TemporalProfileEnv = z.object({
  /** The frontend, host:port (default localhost:7233). */
  TEMPORAL_ADDRESS: z.string().optional(),
  /** Default `default`. */
  TEMPORAL_NAMESPACE: z.string().optional(),
  /** An API key (Temporal Cloud, or a proxy that checks bearer tokens); turns on TLS. */
  TEMPORAL_API_KEY: z.string().optional(),
  /** TLS with the system's certificate authorities (implied by any TLS setting or an API key); `false` turns it off. */
  TEMPORAL_TLS: flag.optional(),
  /** Client certificate and its key for mutual TLS (PEM files, both or neither). */
  TEMPORAL_TLS_CLIENT_CERT_PATH: path.optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: path.optional(),
  /** The certificate authority the server's certificate must be signed by, when not a public one (PEM file). */
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.optional(),
  /** The name the server's certificate must carry, when not the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  /** The profile of the file to start from (default `default`). */
  TEMPORAL_PROFILE: z.string().optional(),
  /** The TOML profile file (default the Temporal CLI's). */
  TEMPORAL_CONFIG_FILE: path.optional(),
  /**
   * A service's own token from the identity provider (client credentials), in place of an API key:
   * the provider's issuer URL, the service's client there and its secret, and the resource or scope
   * the provider issues Temporal tokens for, when it wants one.
   */
  PR_TEMPORAL_TOKEN_ISSUER: z.url({ error: 'expected the identity provider\'s issuer URL' }).optional(),
  PR_TEMPORAL_TOKEN_CLIENT_ID: z.string().optional(),
  PR_TEMPORAL_TOKEN_CLIENT_SECRET: z.string().optional(),
  PR_TEMPORAL_TOKEN_RESOURCE: z.url({ error: 'expected a resource URI' }).optional(),
  PR_TEMPORAL_TOKEN_SCOPE: z.string().optional(),
});

/**
 * The service-token settings, all or none, and not beside another way of sending a token. `source`
 * names where a profile setting came from (its variable, or its key in the file).
 */
function serviceTokenSettings(env: Record<string, string>, loaded: ClientConfigProfile, source: (field: string) => string): ServiceTokenSettings | undefined {
  const { PR_TEMPORAL_TOKEN_ISSUER: issuer, PR_TEMPORAL_TOKEN_CLIENT_ID: clientId, PR_TEMPORAL_TOKEN_CLIENT_SECRET: clientSecret } = env;
  const problems: { field: string; problem: string }[] = [];
  if (issuer === undefined) {
    const without = ['PR_TEMPORAL_TOKEN_CLIENT_ID', 'PR_TEMPORAL_TOKEN_CLIENT_SECRET', 'PR_TEMPORAL_TOKEN_RESOURCE', 'PR_TEMPORAL_TOKEN_SCOPE'].find((field) => env[field] !== undefined);
    if (without) problems.push({ field: 'PR_TEMPORAL_TOKEN_ISSUER', problem: `expected the identity provider's issuer URL, since ${without} is set` });
  } else {
    if (clientId === undefined) problems.push({ field: 'PR_TEMPORAL_TOKEN_CLIENT_ID', problem: "expected this service's client id at the identity provider" });
    if (clientSecret === undefined) problems.push({ field: 'PR_TEMPORAL_TOKEN_CLIENT_SECRET', problem: "expected this service's client secret at the identity provider" });
    const fromProvider = 'expected unset: the token comes from the identity provider (PR_TEMPORAL_TOKEN_ISSUER)';
    if (loaded.apiKey !== undefined) problems.push({ field: source('apiKey'), problem: fromProvider });
    const header = Object.keys(loaded.grpcMeta ?? {}).find((name) => name.toLowerCase() === 'authorization');
    if (header) problems.push({ field: env.TEMPORAL_GRPC_META_AUTHORIZATION ? 'TEMPORAL_GRPC_META_AUTHORIZATION' : source(`grpcMeta.${header}`), problem: fromProvider });
    // A bearer token in plain text is anyone's on the way: as with an API key, the token means TLS.
    if (loaded.tls?.disabled === true) problems.push({ field: source('tls.disabled'), problem: 'expected TLS on: the token from the identity provider (PR_TEMPORAL_TOKEN_ISSUER) would travel in plain text' });
  }
  if (problems.length > 0) throw new ValidationError('The environment', problems);
  if (issuer === undefined) return undefined;
  return {
    issuer,
    clientId: clientId!,
    clientSecret: clientSecret!,
    ...(env.PR_TEMPORAL_TOKEN_RESOURCE ? { resource: env.PR_TEMPORAL_TOKEN_RESOURCE } : {}),
    ...(env.PR_TEMPORAL_TOKEN_SCOPE ? { scope: env.PR_TEMPORAL_TOKEN_SCOPE } : {}),
  };
}

const PEM = {
  certificate: /-----BEGIN CERTIFICATE-----/,
  'private key': /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/,
} as const;

/** A PEM file (or its text, from a *_DATA variable or key), read now: the connection gets its bytes. */
const pem = (what: keyof typeof PEM) =>
  z.union([z.object({ path: z.string() }), z.object({ data: z.instanceof(Uint8Array) })]).transform((source, ctx) => {
    let bytes: Uint8Array;
    if ('path' in source) {
      try {
        bytes = readFileSync(source.path);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `cannot read the file ${source.path} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}): expected a PEM ${what} file` });
        return z.NEVER;
      }
    } else {
      bytes = source.data;
    }
    if (!PEM[what].test(Buffer.from(bytes).toString('latin1'))) {
      ctx.addIssue({ code: 'custom', message: `expected a PEM ${what}${'path' in source ? ` in ${source.path}` : ''}` });
      return z.NEVER;
    }
    return { data: bytes };
  });

const Profile = z.object({
  address: z
    .string({ error: 'expected host:port, e.g. localhost:7233' })
    .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port, e.g. localhost:7233')
    .default('localhost:7233'),
  namespace: z.string({ error: 'expected a namespace name' }).min(1, 'expected a namespace name').default('default'),
  apiKey: z.string({ error: 'expected an API key' }).min(1, 'expected an API key').optional(),
  grpcMeta: z.record(z.string(), z.string({ error: 'expected a header value' })).optional(),
  tls: z
    .object({
      disabled: z.boolean({ error: 'expected true or false' }).optional(),
      serverName: z.string({ error: 'expected a server name' }).min(1, 'expected a server name').optional(),
      clientCert: pem('certificate').optional(),
      clientKey: pem('private key').optional(),
      serverCACert: pem('certificate').optional(),
    })
    .refine((tls) => (tls.clientCert === undefined) === (tls.clientKey === undefined), {
      message: 'a client certificate and its key go together: set both for mutual TLS, or neither',
      path: ['clientKey'],
    })
    .optional(),
});

/** Each setting of the profile: the variable that gives it, else the file's key (a file setting has _PATH and _DATA forms). */
const SETTINGS: Record<string, { variable: string; key: string; file?: true }> = {
  address: { variable: 'TEMPORAL_ADDRESS', key: 'address' },
  namespace: { variable: 'TEMPORAL_NAMESPACE', key: 'namespace' },
  apiKey: { variable: 'TEMPORAL_API_KEY', key: 'api_key' },
  grpcMeta: { variable: 'TEMPORAL_GRPC_META_*', key: 'grpc_meta' },
  'tls.disabled': { variable: 'TEMPORAL_TLS', key: 'tls.disabled' },
  'tls.serverName': { variable: 'TEMPORAL_TLS_SERVER_NAME', key: 'tls.server_name' },
  'tls.clientCert': { variable: 'TEMPORAL_TLS_CLIENT_CERT', key: 'tls.client_cert', file: true },
  'tls.clientKey': { variable: 'TEMPORAL_TLS_CLIENT_KEY', key: 'tls.client_key', file: true },
  'tls.serverCACert': { variable: 'TEMPORAL_TLS_SERVER_CA_CERT', key: 'tls.server_ca_cert', file: true },
};

const WHAT = 'The Temporal connection profile';

/** The profile from `env` (and the file it names): checked, its certificate files read. */
export function loadTemporalProfile(env: Record<string, string | undefined>): TemporalProfile {
  // An empty variable counts as unset, as in domain/config.
  const defined = definedEnv(env);
  parseOrThrow(TemporalProfileEnv, defined, 'The environment');
  const profileName = defined.TEMPORAL_PROFILE ?? 'default';
  const file = defined.TEMPORAL_CONFIG_FILE;
  const inFile = file ? `in ${file}` : "in the Temporal CLI's profile file";
  const noSuchProfile = () => new ValidationError(WHAT, [{ field: 'TEMPORAL_PROFILE', problem: `expected a profile ${inFile}: it has no [profile.${profileName}]` }]);

  const text = file === undefined ? undefined : readProfileFile(file);
  // A file without a profile (empty, or comments only) has none to give, as for the Temporal CLI:
  // the SDK's reader would fail on it.
  const noProfiles = text !== undefined && /^\s*(#[^\n]*\s*)*$/.test(text);
  if (noProfiles && defined.TEMPORAL_PROFILE) throw noSuchProfile();
  let loaded: ClientConfigProfile;
  try {
    loaded = loadClientConfigProfile({
      ...(defined.TEMPORAL_PROFILE ? { profile: defined.TEMPORAL_PROFILE } : {}),
      ...(noProfiles ? { disableFile: true } : text !== undefined ? { configSource: { data: text } } : {}),
      // A misspelt key would otherwise be passed over in silence, and its setting with it.
      configFileStrict: true,
      overrideEnvVars: defined,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    if (/^Profile '.*' not found/.test(message)) throw noSuchProfile();
    throw new ValidationError(WHAT, [{ field: file ? 'TEMPORAL_CONFIG_FILE' : inFile.slice(3), problem: `expected a TOML profile file (${message})` }]);
  }

  const inProfile = `of [profile.${profileName}] ${inFile}`;
  const checked = Profile.safeParse(loaded);
  if (!checked.success) {
    throw new ValidationError(WHAT, fieldProblems(checked.error), (field) => settingSource(field, defined, loaded, inProfile));
  }
  const serviceToken = serviceTokenSettings(defined, loaded, (field) => settingSource(field, defined, loaded, inProfile));
  // Whether TLS is on follows the SDK's own rule: when the profile has TLS settings or an API key
  // (or, ours, a service token).
  const { tls } = toClientOptions(checked.data).connectionOptions;
  const { address, namespace, apiKey, grpcMeta } = checked.data;
  return {
    address,
    namespace,
    credentials: { tls: tls ?? (serviceToken !== undefined), ...(apiKey ? { apiKey } : {}), ...(grpcMeta ? { metadata: grpcMeta } : {}) },
    ...(serviceToken ? { serviceToken } : {}),
  };
}

/** Where a setting of the profile came from: its variable, or its key in the profile file. */
function settingSource(field: string, env: Record<string, string>, loaded: ClientConfigProfile, inProfile: string): string {
  const setting = Object.entries(SETTINGS).find(([name]) => field === name || field.startsWith(`${name}.`))?.[1];
  if (!setting) return field;
  const variables = setting.file ? [`${setting.variable}_PATH`, `${setting.variable}_DATA`] : [setting.variable];
  const fromEnv = variables.find((v) => env[v] !== undefined);
  if (fromEnv) return fromEnv;
  const value = field.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], loaded);
  // Set nowhere (a key without its certificate): the variable is the way to set it.
  if (value === undefined) return variables[0]!;
  if (!setting.file) return `${setting.key} ${inProfile}`;
  return `${setting.key}_${typeof value === 'object' && value !== null && 'path' in value ? 'path' : 'data'} ${inProfile}`;
}

function readProfileFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ValidationError(WHAT, [{ field: 'TEMPORAL_CONFIG_FILE', problem: `cannot read the file ${file} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}): expected a TOML profile file` }]);
  }
}

/** A server this process started itself on this machine: plain text, nothing read from the environment. */
export function localServerProfile(address: string, namespace: string): TemporalProfile {
  return { address, namespace, credentials: { tls: false } };
}
