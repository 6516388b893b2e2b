/**
 * The worker process's own settings (beyond the Temporal connection, the activities and the codec):
 * validated at start like every process's, naming the variable and what was expected.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { definedEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';

export const WorkerEnv = z.object({
  /** A bundle written by `npm run build:bundle`: the worker loads it instead of bundling the workflows at start. */
  PR_WORKFLOW_BUNDLE: z
    .string()
    .min(1, 'expected the path of a workflow bundle')
    .refine((path) => existsSync(path), 'expected an existing file: build it with `npm run build:bundle`')
    .optional(),
  /**
   * How many programmes the worker keeps in memory between tasks. 0 (the default) replays each
   * programme from its history for every task (about 0.1 s of CPU at most), and is immune to a
   * race in the SDK and server that can stall a cached programme after a worker crash (docs/design.md,
   * "Worker crashes and queries"). Raise it only for volumes far beyond a national programme's.
   */
  PR_WORKFLOW_CACHE_SIZE: z.coerce
    .number({ error: 'expected a whole number of programmes' })
    .int('expected a whole number of programmes')
    .min(0, 'expected 0 or more')
    .max(100_000, 'expected at most 100000')
    .default(0),
  /** How often the open-escalations gauge is counted (with metrics on, PR_METRICS_ADDRESS). */
  PR_ESCALATIONS_COUNT_INTERVAL_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int('expected whole milliseconds')
    .min(1000, 'expected at least 1000 ms')
    .max(3_600_000, 'expected at most 3600000 ms')
    .default(60_000),
});
export type WorkerConfig = z.output<typeof WorkerEnv>;

export function loadWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  return parseOrThrow(WorkerEnv, definedEnv(env), 'The environment');
}
