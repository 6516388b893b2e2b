/**
 * Runs the real `prepared-return` executable as a subprocess, pointed at the test server and a
 * test task queue, the way an operator's shell would run it (Temporal itself, `PR_ACCESS=operator`).
 */
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { runCommand, type CommandRun } from '../../dev/runCommand.js';

export const BIN = fileURLToPath(new URL('../../client/bin.mjs', import.meta.url));
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export function cliEnv(taskQueue: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    // The operators' way in: Temporal itself (a caseworker's goes through the app, test/client/walkthrough.test.ts).
    PR_ACCESS: 'operator',
    PR_CASEWORKER_ID: 'cw-test',
    NO_COLOR: '1',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export function runCli(args: string[], env: Record<string, string>, cwd = REPO): Promise<CommandRun> {
  return runCommand(process.execPath, [BIN, ...args], env, cwd);
}

/** A CLI for one task queue: `cli('status', caseRef)`. */
export function cliFor(taskQueue: string, extra: Record<string, string | undefined> = {}) {
  const env = cliEnv(taskQueue, extra);
  return (...args: string[]): Promise<CommandRun> => runCli(args, env);
}
