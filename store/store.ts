/** What the activities and commands that write the ledger or the audit log hold: the pool and the pseudonym key. */
import { loadStoreConfig } from './config.js';
import { openDatabase, type Database } from './database.js';

export interface Store {
  readonly db: Database;
  readonly pseudonymKey: string;
}

/** From the environment (validated); connects on first use. */
export function openStore(env: Record<string, string | undefined>): Store {
  const config = loadStoreConfig(env);
  return { db: openDatabase(config), pseudonymKey: config.pseudonymKey };
}
