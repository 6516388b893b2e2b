/**
 * Configuration from the environment, validated once at start-up by every process
 * (worker, client, gateway, local stack). Pure: callers pass `process.env` in.
 */
import { z } from 'zod';
import { parseOrThrow } from './validation.js';

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');

const logLevel = z.enum(['error', 'warn', 'info', 'debug'], { error: 'expected one of error, warn, info, debug' });

/**
 * What the worker, client, gateway and web app share besides the connection profile (where Temporal
 * is: temporal/profile.ts): the task queue programmes run on, and how much a process logs.
 */
export const ServiceEnv = z.object({
  TEMPORAL_TASK_QUEUE: z.string().min(1, 'expected a task queue name').default('prepared-return'),
  LOG_LEVEL: logLevel.default('info'),
});
export type ServiceConfig = z.output<typeof ServiceEnv>;

/** The embedded local stack started by `npm start`. */
export const LocalStackEnv = z.object({
  PR_DATA_DIR: z.string().min(1, 'expected a folder path').default('.data'),
  PR_HOST: z.string().min(1, 'expected a host or IP address').default('127.0.0.1'),
  PR_TEMPORAL_PORT: port.default(7233),
  PR_UI_PORT: port.default(8233),
  /** The codec endpoint the Web UI decodes through (HTTPS, loopback only). */
  PR_CODEC_PORT: port.default(8091),
  /** The caseworkers' web app and its local OpenID provider. */
  PR_WEB_PORT: port.default(8095),
  PR_IDP_PORT: port.default(8096),
  /** The embedded PostgreSQL, when DATABASE_URL is unset (loopback only). */
  PR_POSTGRES_PORT: port.default(5433),
  PR_NAMESPACE: z.string().min(1, 'expected a namespace name').default('default'),
  TEMPORAL_CLI_PATH: z.string().min(1, 'expected the path of a temporal executable').optional(),
  LOG_LEVEL: logLevel.default('info'),
});
export type LocalStackConfig = z.output<typeof LocalStackEnv>;

export function loadServiceConfig(env: Record<string, string | undefined>): ServiceConfig {
  return parseOrThrow(ServiceEnv, definedEnv(env), 'The environment');
}

export function loadLocalStackConfig(env: Record<string, string | undefined>): LocalStackConfig {
  return parseOrThrow(LocalStackEnv, definedEnv(env), 'The environment');
}

/** An empty variable (`FOO=`) counts as unset, as operators expect from shell environments. */
export function definedEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}
