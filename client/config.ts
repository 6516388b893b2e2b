/**
 * The client's environment: the connection profile (where Temporal is and how to prove who we are
 * to it, read as the Temporal CLI reads it: temporal/profile.ts), the task queue new programmes run
 * on, and which caseworker is at the keyboard.
 */
import { z } from 'zod';
import { definedEnv, ServiceEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';
import { loadTemporalProfile, type TemporalProfile } from '../temporal/profile.js';

export const ClientEnv = ServiceEnv.extend({
  /** The caseworker at the keyboard: the default for `--caseworker`. */
  PR_CASEWORKER_ID: z.string().optional(),
});
export type ClientConfig = z.output<typeof ClientEnv> & { temporal: TemporalProfile };

/** `temporal` is given by a process that started its own server (the local stack); others read the profile. */
export function loadClientConfig(env: Record<string, string | undefined>, temporal: TemporalProfile = loadTemporalProfile(env)): ClientConfig {
  // An empty variable counts as unset, as in domain/config.
  return { ...parseOrThrow(ClientEnv, definedEnv(env), 'The environment'), temporal };
}
