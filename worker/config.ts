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
});
export type WorkerConfig = z.output<typeof WorkerEnv>;

export function loadWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  return parseOrThrow(WorkerEnv, definedEnv(env), 'The environment');
}
