/**
 * The schema, created and upgraded by versioned SQL migrations (store/migrations, applied in order
 * by node-pg-migrate). Every long-running process migrates at start; the library's advisory lock
 * makes concurrent starts (several workers) wait for one another instead of racing.
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import { withClient, type Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATIONS_TABLE = 'schema_migrations';

/** Applies the migrations not yet applied; returns their names (none when the schema is current). */
export async function migrate(db: Database): Promise<string[]> {
  return withClient(db, async (client) => {
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: MIGRATIONS_TABLE,
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      log: () => undefined,
    });
    return applied.map((m) => m.name);
  });
}
