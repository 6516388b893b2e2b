/**
 * `npm run temporal:namespace`: prepares our namespace on the deployment's Temporal server
 * (temporal/namespace.ts) and exits, the step a deployment runs once the server is up and before
 * the worker, the gateway and the app start (docker-compose.yml's `temporal-namespace`). It
 * connects with the connection profile as every process does, as the one caller that holds admin.
 * Waits for the server while it starts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { definedEnv } from '../domain/config.js';
import { parseOrThrow, ValidationError } from '../domain/validation.js';
import { grpcCode, GrpcStatus, openConnection, TemporalUnreachable } from './connection.js';
import { ServiceTokenUnavailable } from './serviceToken.js';
import { prepareNamespace } from './namespace.js';
import { loadTemporalProfile } from './profile.js';

const PrepareEnv = z.object({
  /** How long closed programmes stay readable in Temporal before the server deletes them (the ledger keeps the figures). */
  PR_NAMESPACE_RETENTION_DAYS: z.coerce.number({ error: 'expected a number of days' }).int('expected a whole number of days').min(1, 'expected at least 1 day').max(3650, 'expected at most 3650 days').default(30),
  /** How long to wait for the server to answer. */
  PR_NAMESPACE_WAIT_SECONDS: z.coerce.number({ error: 'expected a number of seconds' }).int('expected whole seconds').min(0, 'expected 0 or more seconds').default(120),
});

async function main(): Promise<void> {
  const settings = parseOrThrow(PrepareEnv, definedEnv(process.env), 'The environment');
  const profile = loadTemporalProfile(process.env);
  const deadline = Date.now() + settings.PR_NAMESPACE_WAIT_SECONDS * 1000;
  for (;;) {
    try {
      const connection = await openConnection(profile);
      let prepared: { retentionDays: number };
      try {
        prepared = await prepareNamespace(connection, profile.namespace, settings.PR_NAMESPACE_RETENTION_DAYS);
      } finally {
        await connection.close();
      }
      console.log(`namespace ${profile.namespace} ready on ${profile.address}: retention ${prepared.retentionDays} days, the programmes' search attributes registered`);
      if (prepared.retentionDays !== settings.PR_NAMESPACE_RETENTION_DAYS) {
        console.warn(
          `The namespace existed already and keeps its retention of ${prepared.retentionDays} days, not PR_NAMESPACE_RETENTION_DAYS=${settings.PR_NAMESPACE_RETENTION_DAYS}: change it deliberately with \`temporal operator namespace update --retention ${settings.PR_NAMESPACE_RETENTION_DAYS}d -n ${profile.namespace}\`.`,
        );
      }
      return;
    } catch (err) {
      // A server still starting, or the identity provider away for a moment, is waited out; a refusal is not.
      if (!passing(err) || Date.now() > deadline) throw err;
      await sleep(2000);
    }
  }
}

const passing = (err: unknown): boolean => err instanceof TemporalUnreachable || (err instanceof ServiceTokenUnavailable && !err.refused) || grpcCode(err) === GrpcStatus.UNAVAILABLE;

main().catch((err: unknown) => {
  const known = err instanceof ValidationError || err instanceof TemporalUnreachable || err instanceof ServiceTokenUnavailable;
  console.error(known ? err.message : `the namespace could not be prepared: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
