/**
 * What an earlier start may have left on this data folder. A stack that is still running owns the
 * folder: a second start says so and stops. A Temporal dev server whose stack is gone (an older
 * version of the stack killed with kill -9, a crash of the machine's session) holds the ports and
 * the SQLite file: the start says so, stops it, and goes on. Linux only (it reads /proc); elsewhere
 * the port check still names the port that is taken.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class StackAlreadyRunning extends Error {
  constructor(readonly pid: number, dataDir: string) {
    super(
      `The local stack is already running on the data folder ${dataDir} (process ${pid}). ` +
        'Use that one, or stop it first (Ctrl-C in its terminal, or kill ' + pid + '); a second stack needs PR_DATA_DIR=<another folder> and other ports.',
    );
    this.name = 'StackAlreadyRunning';
  }
}

const lockFile = (dataDir: string) => join(dataDir, 'stack.pid');

function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refuses when a stack runs on `dataDir`; otherwise records this process as the folder's stack. */
export function claimDataFolder(dataDir: string): { release(): void } {
  const file = lockFile(dataDir);
  if (existsSync(file)) {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      const cmd = commandLine(pid);
      // A recycled process ID is not a stack: only a process running dev/start.ts counts. Without
      // /proc the two cannot be told apart, and the safe guess is a running stack.
      if (cmd === undefined ? !existsSync('/proc') : cmd.some((arg) => arg.endsWith('dev/start.ts'))) throw new StackAlreadyRunning(pid, dataDir);
    }
  }
  writeFileSync(file, `${process.pid}\n`);
  return {
    release() {
      if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    },
  };
}

/** Temporal dev servers running on this SQLite file (`start-dev … --db-filename <file>`). */
export function leftoverServers(dbFilename: string): number[] {
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmd = commandLine(pid);
    if (!cmd || !cmd.includes('start-dev')) continue;
    const at = cmd.indexOf('--db-filename');
    if (at >= 0 && cmd[at + 1] === dbFilename) found.push(pid);
  }
  return found;
}

/** Stops each leftover server (SIGTERM, SIGKILL after 10 s) and waits until it has gone. */
export async function stopLeftoverServers(dbFilename: string, say: (line: string) => void): Promise<number[]> {
  const pids = leftoverServers(dbFilename);
  for (const pid of pids) {
    say(`A Temporal dev server left running by an earlier start holds this data folder (process ${pid}, ${dbFilename}); stopping it.`);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      continue;
    }
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pids;
}

/**
 * The embedded PostgreSQL of an earlier start, still running on this data folder (its
 * `postmaster.pid` names a live postgres): stopped with a fast shutdown (SIGINT, as the stack itself
 * stops it), then an immediate one (SIGQUIT) if it has not gone within 20 s. A SIGKILL would leave its
 * worker processes behind.
 */
export async function stopLeftoverPostgres(postgresDir: string, say: (line: string) => void): Promise<number | undefined> {
  const pidFile = join(postgresDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid || !alive(pid)) return undefined;
  const cmd = commandLine(pid);
  // A recycled process ID is not our database: only a postgres serving this folder counts.
  if (cmd !== undefined && !(cmd.some((arg) => arg.endsWith('postgres')) && cmd.includes(postgresDir))) return undefined;
  say(`The embedded PostgreSQL left running by an earlier start holds this data folder (process ${pid}, ${postgresDir}); stopping it.`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (alive(pid)) process.kill(pid, 'SIGQUIT');
  while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
  return pid;
}
