/** The run's database (created by the global setup) for one test file: opened before its tests, closed after. */
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type Database } from '../../store/database.js';

export function useDatabase(): { readonly db: Database; readonly pseudonymKey: string } {
  let db: Database | undefined;
  beforeAll(() => {
    db = openDatabase({ url: inject('databaseUrl'), poolMax: 3 });
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db() {
      return db!;
    },
    get pseudonymKey() {
      return inject('pseudonymKey');
    },
  };
}
