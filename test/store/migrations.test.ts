/**
 * The schema comes from the versioned migrations alone: a new database gets every one of them in
 * order, a second run changes nothing, and two processes migrating at once do not trip over each other.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../../store/database.js';
import { MIGRATIONS_DIR, migrate } from '../../store/migrate.js';
import { machinePostgres, databaseUrl } from '../../dev/scratchDatabase.js';

const name = `pr_migrate_${process.pid}_${Date.now()}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: machinePostgres() });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describe('migrations', () => {
  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('create the schema on an empty database, once, even when two processes start together', async () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort().map((f) => f.replace(/\.sql$/, ''));
    expect(files.length).toBeGreaterThan(0);
    const a = openDatabase({ url: databaseUrl(name), poolMax: 1 });
    const b = openDatabase({ url: databaseUrl(name), poolMax: 1 });
    try {
      const [first, second] = await Promise.all([migrate(a), migrate(b)]);
      // One of them applied everything; the other waited for the lock and found nothing left to do.
      expect([first, second].sort((x, y) => y.length - x.length)).toEqual([files, []]);
      expect(await migrate(a)).toEqual([]);
      const { rows } = await a.pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY run_on, id');
      expect(rows.map((r) => r.name)).toEqual(files);
      const tables = await a.pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
      expect(tables.rows.map((r) => r.table_name)).toContain('audit_log');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
