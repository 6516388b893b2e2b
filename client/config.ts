/**
 * The client's environment: where Temporal is, how to prove who we are to it, and which caseworker
 * is at the keyboard. Variable names follow the Temporal CLI's, so one shell profile serves both.
 */
import { z } from 'zod';
import { definedEnv, TemporalConnectionEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';

const path = z.string().min(1, 'expected a file path');
const flag = z.enum(['true', 'false', '1', '0'], { error: 'expected true or false' }).transform((v) => v === 'true' || v === '1');

export const ClientEnv = TemporalConnectionEnv.extend({
  /** Connect with TLS (implied by an API key or any certificate path). */
  TEMPORAL_TLS: flag.optional(),
  /** Client certificate and key for mutual TLS (PEM files). */
  TEMPORAL_TLS_CERT: path.optional(),
  TEMPORAL_TLS_KEY: path.optional(),
  /** CA certificate the server's certificate is checked against, when not a public CA (PEM file). */
  TEMPORAL_TLS_CA: path.optional(),
  /** Server name to check the certificate against when it differs from the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** API key (Temporal Cloud or a proxy that checks bearer tokens). */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /** The caseworker at the keyboard: the default for `--caseworker`. */
  PR_CASEWORKER_ID: z.string().optional(),
}).refine((env) => (env.TEMPORAL_TLS_CERT === undefined) === (env.TEMPORAL_TLS_KEY === undefined), {
  message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both for mutual TLS, or neither',
  path: ['TEMPORAL_TLS_KEY'],
});
export type ClientConfig = z.output<typeof ClientEnv>;

export function loadClientConfig(env: Record<string, string | undefined>): ClientConfig {
  // An empty variable counts as unset, as in domain/config.
  const defined = definedEnv(env);
  return parseOrThrow(ClientEnv, defined, 'The environment');
}

export function usesTls(config: ClientConfig): boolean {
  return config.TEMPORAL_TLS ?? Boolean(config.TEMPORAL_API_KEY || config.TEMPORAL_TLS_CERT || config.TEMPORAL_TLS_CA);
}
