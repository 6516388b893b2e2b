/**
 * Configuration of the local stack's peers (mail sink, partner simulator, directories), from the
 * environment, validated like everything else. See README for the table of variables.
 */
import { z } from 'zod';
import { parseOrThrow } from '../domain/validation.js';
import { definedEnv } from '../domain/config.js';

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');

export const DevPeersEnv = z.object({
  PR_SMTP_PORT: port.default(2525),
  PR_PARTNER_SIM_PORT: port.default(4010),
  PR_PARTNER_SIM_MODE: z.enum(['demo', 'quiet'], { error: 'expected demo or quiet' }).default('demo'),
  PR_PARTNER_SIM_DELAY_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(0).max(600_000, 'expected at most 600000 ms').default(3000),
  PR_PARTNER_SIM_DECLINE: z
    .string()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'expected partner ids separated by commas, e.g. ro-harbour-house')
    .optional(),
  PR_GATEWAY_URL: z
    .string()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'expected an http(s) URL, e.g. http://localhost:8090')
    .default('http://localhost:8090'),
  PR_PARTNER_DIRECTORY: z.string().min(1, 'expected a file path').default('dev/partners.yaml'),
  PR_STAFF_DIRECTORY: z.string().min(1, 'expected a file path').default('dev/staff.yaml'),
});
export type DevPeersConfig = z.output<typeof DevPeersEnv>;

export function loadDevPeersConfig(env: Record<string, string | undefined>): DevPeersConfig {
  const defined = definedEnv(env);
  return parseOrThrow(DevPeersEnv, defined, 'The environment');
}
