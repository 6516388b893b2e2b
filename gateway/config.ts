/**
 * The gateway's configuration from the environment, validated at start-up like every process's
 * (domain/config.ts); Temporal from the connection profile (temporal/profile.ts). The clients and
 * their secrets come from the file `GATEWAY_CLIENTS` names.
 */
import { z } from 'zod';
import { definedEnv, ServiceEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';

const whole = (what: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected whole ${what}`)
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`)
    .default(fallback);

export const GatewayEnv = ServiceEnv.extend({
  GATEWAY_HOST: z.string().min(1, 'expected a host or IP address to listen on').default('127.0.0.1'),
  GATEWAY_PORT: whole('a port number', 1, 65535, 8090),
  GATEWAY_CLIENTS: z.string({ error: 'expected the path of the gateway clients file (YAML or JSON)' }).min(1, 'expected a file path'),
  GATEWAY_RATE_LIMIT_PER_MINUTE: whole('requests per minute', 1, 100_000, 120),
  GATEWAY_RATE_LIMIT_BURST: whole('requests', 1, 10_000, 20),
  /** Lookup and signal together; the 503 must reach the partner within 5 s. */
  GATEWAY_TEMPORAL_TIMEOUT_MS: whole('milliseconds', 200, 4500, 4000),
  GATEWAY_RETRY_AFTER_SECONDS: whole('seconds', 1, 3600, 5),
  GATEWAY_LEDGER_SIZE: whole('entries', 100, 10_000_000, 50_000),
  /** Per source address, before any body is read or signature checked. */
  GATEWAY_SOURCE_RATE_LIMIT_PER_MINUTE: whole('requests per minute', 1, 1_000_000, 600),
  GATEWAY_SOURCE_RATE_LIMIT_BURST: whole('requests', 1, 100_000, 60),
  /** The whole request must arrive within this (slow senders are cut off with 408). */
  GATEWAY_BODY_TIMEOUT_MS: whole('milliseconds', 1000, 60_000, 15_000),
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated): set it behind an HTTP load balancer. */
  GATEWAY_TRUSTED_PROXIES: z
    .string()
    .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'expected IP addresses or CIDR ranges, e.g. 10.0.0.0/8')))
    .optional(),
  /** Unauthenticated refusals are summed and logged once per this many milliseconds. */
  GATEWAY_REFUSAL_LOG_INTERVAL_MS: whole('milliseconds', 1000, 3_600_000, 60_000),
});
export type GatewayConfig = z.output<typeof GatewayEnv>;

export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const defined = definedEnv(env);
  return parseOrThrow(GatewayEnv, defined, 'The environment');
}
