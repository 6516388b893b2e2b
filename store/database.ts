/**
 * The connection pool every store module works through. One pool per process; its size is small
 * because several processes (workers, gateway replicas, codec endpoint) share one server.
 */
import pg from 'pg';
import type { StoreConfig } from './config.js';

export interface Database {
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

/** Below the activities' 30-second start-to-close timeout, so a stuck attempt fails on its own, with a reason. */
const QUERY_TIMEOUT_MS = 15_000;

export function openDatabase(config: Pick<StoreConfig, 'url' | 'poolMax'>, log: (message: string) => void = (m) => console.error(m)): Database {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: QUERY_TIMEOUT_MS,
    application_name: 'prepared-return',
    // Idle connections do not keep a finished process (a command, a test) alive.
    allowExitOnIdle: true,
  });
  // An idle connection that the server drops (restart, network) must not take the process down;
  // the pool replaces it on the next query.
  pool.on('error', (err) => log(`database: an idle connection failed (${err.message}); it will be replaced`));
  let closed: Promise<void> | undefined;
  return {
    pool,
    close: () => (closed ??= pool.end()),
  };
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(db: Database, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(db, async (client) => {
    await client.query('BEGIN');
    try {
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/**
 * One connection of the pool for `work`. A connection that breaks while checked out (the server
 * restarts, the network drops it) reports the failure to its pending query, or else as an event:
 * the listener keeps that event from ending the process, and the broken connection is discarded.
 */
export async function withClient<T>(db: Database, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error): void => {
    broken = err;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } finally {
    client.off('error', onError);
    client.release(broken ?? false);
  }
}
