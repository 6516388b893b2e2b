/** The run's database (created by the global setup) for one test file: opened before its tests, closed after. */
import { afterAll, beforeAll, inject } from 'vitest';
import { auditTrail, type AuditTrail } from '../../store/auditTrail.js';
import { openDatabase, type Database } from '../../store/database.js';
import type { Store } from '../../store/store.js';

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

let shared: Database | undefined;

/** The run's database and pseudonym key, shared by everything a test process builds (activities, servers). */
export function runStore(): Store {
  shared ??= openDatabase({ url: inject('databaseUrl'), poolMax: 4 });
  return { db: shared, pseudonymKey: inject('pseudonymKey') };
}

/** The audit log of the run's database, for servers a test builds (the gateway, the codec endpoint). */
export function runAuditTrail(): AuditTrail {
  const store = runStore();
  return auditTrail(store.db, store.pseudonymKey);
}
