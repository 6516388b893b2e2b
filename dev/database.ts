/**
 * The local stack's database: the PostgreSQL that DATABASE_URL names, or else the embedded server
 * in the data folder (nothing to install). Its address and a development pseudonym key are left in
 * the data folder, where the caseworker's `npx prepared-return` in a second terminal finds them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { localStackStoreFiles } from '../store/config.js';
import { startEmbeddedPostgres } from '../store/embedded.js';

export interface DevDatabase {
  url: string;
  /** `embedded PostgreSQL (.data/postgres)` or `DATABASE_URL` */
  words: string;
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
  if (first) options.log(`Creating the embedded PostgreSQL in ${files.postgresDir} (first start only) …`);
  const server = await startEmbeddedPostgres({ dataDir: files.postgresDir, port: options.port });
  writeFileSync(files.urlFile, `${server.url}\n`, { mode: 0o600 });
  return { url: server.url, words: `embedded PostgreSQL on 127.0.0.1:${options.port} (data in ${files.postgresDir})`, stop: () => server.stop() };
}
