/**
 * The gateway's configuration from the environment, validated at start-up like every process's
 * (domain/config.ts). The clients and their secrets come from the file `GATEWAY_CLIENTS` names.
 */
import { z } from 'zod';
import { definedEnv, TemporalConnectionEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';

const whole = (what: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected whole ${what}`)
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`)
    .default(fallback);

export const GatewayEnv = TemporalConnectionEnv.extend({
  GATEWAY_HOST: z.string().min(1, 'expected a host or IP address to listen on').default('127.0.0.1'),
  GATEWAY_PORT: whole('a port number', 1, 65535, 8090),
  GATEWAY_CLIENTS: z.string({ error: 'expected the path of the gateway clients file (YAML or JSON)' }).min(1, 'expected a file path'),
  GATEWAY_RATE_LIMIT_PER_MINUTE: whole('requests per minute', 1, 100_000, 120),
  GATEWAY_RATE_LIMIT_BURST: whole('requests', 1, 10_000, 20),
  /** Lookup and signal together; the 503 must reach the partner within 5 s. */
  GATEWAY_TEMPORAL_TIMEOUT_MS: whole('milliseconds', 200, 4500, 4000),
  GATEWAY_RETRY_AFTER_SECONDS: whole('seconds', 1, 3600, 5),
  GATEWAY_LEDGER_SIZE: whole('entries', 100, 10_000_000, 50_000),
});
export type GatewayConfig = z.output<typeof GatewayEnv>;

export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const defined = definedEnv(env);
  return parseOrThrow(GatewayEnv, defined, 'The environment');
}
