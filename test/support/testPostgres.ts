/**
 * The PostgreSQL a test run uses: the machine's own (127.0.0.1:5432, or PR_TEST_POSTGRES_URL),
 * as CI runs it. On a machine with none, the run starts the embedded server for itself, so
 * `npm test` works on a fresh machine too; with PR_TEST_POSTGRES_URL set there is no fallback.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MACHINE_POSTGRES, reachable } from '../../dev/scratchDatabase.js';
import { freePort } from '../../dev/ports.js';
import { startEmbeddedPostgres } from '../../store/embedded.js';

export async function ensureTestPostgres(dir: string, log: (line: string) => void): Promise<() => Promise<void>> {
  if (process.env.PR_TEST_POSTGRES_URL || (await reachable(DEFAULT_MACHINE_POSTGRES))) return async () => undefined;
  log(`No PostgreSQL at ${new URL(DEFAULT_MACHINE_POSTGRES).host}: starting the embedded one for this run.`);
  mkdirSync(dir, { recursive: true });
  // The server may run as another user (PostgreSQL refuses root): it must reach its folder.
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort() });
  const admin = new URL(server.url);
  admin.pathname = '/postgres';
  process.env.PR_TEST_POSTGRES_URL = admin.toString();
  return () => server.stop();
}
