/** The gateway front's settings (`npm run gateway:front`), validated at start like every process's. */
import { z } from 'zod';
import { definedEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';

const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'expected host:port, e.g. gateway-replica:8090');

export const FrontEnv = z.object({
  PR_PROXY_LISTEN: hostPort.default('0.0.0.0:8090'),
  PR_PROXY_TARGETS: z
    .string({ error: 'expected the gateway replicas as host:port, comma-separated' })
    .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(hostPort).min(1, 'expected at least one gateway replica')),
});
export type FrontConfig = z.output<typeof FrontEnv>;

export function loadFrontConfig(env: Record<string, string | undefined>): FrontConfig {
  return parseOrThrow(FrontEnv, definedEnv(env), 'The environment');
}
