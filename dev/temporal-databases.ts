/**
 * The Temporal server's two PostgreSQL databases (history and visibility), created and migrated with
 * Temporal's own schema tool to the schema of the pinned server, as Temporal's operators' guide does
 * it. Safe to run again: an existing database is migrated to the pinned version, never recreated.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TemporalProductionTools } from './temporal-production.js';

export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password?: string;
}

export interface TemporalDatabaseNames {
  /** Workflow histories, tasks, namespaces. */
  main: string;
  /** Visibility: the list and search of workflows (custom search attributes live here). */
  visibility: string;
}

export class SchemaToolFailed extends Error {
  constructor(step: string, output: string) {
    super(`The Temporal schema tool failed to ${step}:\n${output.trim().split('\n').slice(-8).join('\n')}`);
    this.name = 'SchemaToolFailed';
  }
}

function schemaTool(tools: TemporalProductionTools, pg: PostgresEndpoint, database: string, args: string[], step: string): void {
  const run = spawnSync(
    tools.sqlTool,
    ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, ...(pg.password ? ['--pw', pg.password] : []), '--db', database, ...args],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (run.error) throw new SchemaToolFailed(step, run.error.message);
  if (run.status !== 0) throw new SchemaToolFailed(step, `${run.stdout}\n${run.stderr}`);
}

/** Creates both databases if need be and brings their schemas to the pinned server's version. */
export function migrateTemporalDatabases(tools: TemporalProductionTools, pg: PostgresEndpoint, names: TemporalDatabaseNames): void {
  for (const [database, folder] of [
    [names.main, 'temporal'],
    [names.visibility, 'visibility'],
  ] as const) {
    // Each step is safe on a database that has it already: `create` ignores an existing database,
    // `setup-schema -v 0.0` leaves a later version alone, `update-schema` applies only what is missing.
    schemaTool(tools, pg, database, ['create'], `create the database ${database}`);
    schemaTool(tools, pg, database, ['setup-schema', '-v', '0.0'], `set up the schema of ${database}`);
    schemaTool(tools, pg, database, ['update-schema', '-d', join(tools.schemaDir, 'postgresql', 'v12', folder, 'versioned')], `migrate ${database}`);
  }
}

/**
 * Drops both databases (tests and throw-away clusters only: everything in them is gone). PostgreSQL
 * refuses while a session is still connected, as for a moment after the server was killed: tried
 * again for a few seconds.
 */
export function dropTemporalDatabases(tools: TemporalProductionTools, pg: PostgresEndpoint, names: TemporalDatabaseNames): void {
  for (const database of [names.main, names.visibility]) {
    for (let attempt = 1; ; attempt++) {
      try {
        schemaTool(tools, pg, database, ['drop', '-f'], `drop the database ${database}`);
        break;
      } catch (err) {
        if (attempt >= 10) throw err;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      }
    }
  }
}

