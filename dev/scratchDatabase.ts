/**
 * A database of a run's own on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust
 * authentication; PR_TEST_POSTGRES_URL points elsewhere): created and migrated at the start of a
 * test run or a benchmark, dropped at its end, so runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../store/database.js';
import { migrate } from '../store/migrate.js';

export const DEFAULT_MACHINE_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The server scratch databases go to: PR_TEST_POSTGRES_URL, else the machine's own. */
export function machinePostgres(): string {
  return process.env.PR_TEST_POSTGRES_URL ?? DEFAULT_MACHINE_POSTGRES;
}

/** Whether a server answers at that URL. */
export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(prefix = 'pr_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  const db = openDatabase({ url, poolMax: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return { url, name, drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/** The URL of another database on the same server, as the same user. */
export function databaseUrl(name: string): string {
  const url = new URL(machinePostgres());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: machinePostgres() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
