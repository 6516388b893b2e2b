/**
 * The stack ends with the `npm start` that launched it. Killing npm (even with kill -9) does not
 * end the processes npm started: they would keep the ports and the data folder, with nobody to see
 * their output. So the stack watches its npm and, when npm is gone, stops as on Ctrl-C.
 * Linux only (it reads /proc); elsewhere nothing is watched.
 */
import { existsSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function isNpm(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    // npm names its process `npm start`; started as `node …/npm-cli.js start` before it renames itself.
    return argv[0] === 'npm' || argv[0]?.startsWith('npm ') === true || argv.some((a) => a.endsWith('npm-cli.js'));
  } catch {
    return false;
  }
}

/** The nearest ancestor that is npm, if the stack was started through npm. */
export function launchingNpm(): number | undefined {
  if (!existsSync('/proc')) return undefined;
  for (let pid = parentOf(process.pid); pid !== undefined && pid > 1; pid = parentOf(pid)) {
    if (isNpm(pid)) return pid;
  }
  return undefined;
}

/** Calls `onGone` once when the npm that launched the stack has ended. */
export function whenLauncherGone(onGone: () => void, intervalMs = 1000): void {
  const npm = launchingNpm();
  if (npm === undefined) return;
  const timer = setInterval(() => {
    try {
      process.kill(npm, 0);
    } catch {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
}

/**
 * Stops the stack as Ctrl-C does (SIGTERM to itself: the SDK's runtime drains the worker) when its
 * npm has ended. One Ctrl-C arrives more than once: the terminal signals the whole process group,
 * and npm and tsx each pass the signal on to their child. Once the SDK has taken the first one it no
 * longer listens, and a repeat would end the stack at once, before it has closed what it opened; so
 * repeats within a few seconds are ignored, and a later one (a person pressing Ctrl-C again) ends
 * the stack at once, its servers stopped by their lifelines.
 */
export function stopWithLauncher(): void {
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === undefined) firstSignalAt = Date.now();
    else if (Date.now() - firstSignalAt > 3000) process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  whenLauncherGone(() => {
    if (firstSignalAt === undefined) process.kill(process.pid, 'SIGTERM');
  });
}
