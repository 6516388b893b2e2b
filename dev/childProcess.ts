/**
 * A child process of the local cluster (`npm run start:cluster`) and of the test suites that run
 * processes: spawned in its own process group with its output kept in a log file, killable with any
 * signal, and registered so teardown ends every one of them even when a scenario fails half-way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

const living = new Set<Child>();
// Should this test process itself end abruptly, its children must not outlive it.
process.once('exit', () => {
  for (const child of living) signalGroup(child.pid, 'SIGKILL');
});

export interface ChildOptions {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  logDir: string;
}

export class Child {
  readonly process: ChildProcess;
  readonly pid: number;
  private output = '';
  private readonly log: WriteStream;
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(readonly options: ChildOptions) {
    mkdirSync(options.logDir, { recursive: true });
    this.log = createWriteStream(join(options.logDir, `${options.name}.log`), { flags: 'a' });
    this.process = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own group, so a kill reaches the grandchildren too (npx, tsx's loader).
      detached: true,
    });
    if (this.process.pid === undefined) throw new Error(`${options.name}: could not be started`);
    this.pid = this.process.pid;
    living.add(this);
    const keep = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      // Only the tail is kept in memory; the log file has everything.
      this.output = (this.output + text).slice(-64 * 1024);
      this.log.write(text);
    };
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    this.exit = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        this.exited = { code, signal };
        living.delete(this);
        this.log.end(`\n[exited code=${code} signal=${signal}]\n`);
        resolve({ code, signal });
      });
    });
  }

  get name(): string {
    return this.options.name;
  }

  get tail(): string {
    return this.output.slice(-4000);
  }

  /** Waits until the output contains `text`; fails early when the process exits first. */
  async waitForOutput(text: string | RegExp, timeoutMs: number): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (typeof text === 'string' ? this.output.includes(text) : text.test(this.output)) return;
      if (this.exited) throw new Error(`${this.name} exited (${JSON.stringify(this.exited)}) before printing "${String(text)}":\n${this.tail}`);
      await sleep(100);
    }
    throw new Error(`${this.name} did not print "${String(text)}" within ${timeoutMs} ms:\n${this.tail}`);
  }

  /** Sends `signal` to the whole process group and waits for the exit; SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exited) {
      signalGroup(this.pid, signal);
      const timer = setTimeout(() => signalGroup(this.pid, 'SIGKILL'), graceMs);
      try {
        await this.exit;
      } finally {
        clearTimeout(timer);
      }
    }
    // The group leader's exit is reported before its children (tsx runs node under it) are gone;
    // give the rest of the group a moment so `isGone()` speaks of the whole group.
    for (let waited = 0; waited < 5000 && !this.isGone(); waited += 50) await sleep(50);
    return this.exited!;
  }

  /** True when no process of the group is left (`kill(-pgid, 0)` finds nobody). */
  isGone(): boolean {
    try {
      process.kill(-this.pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Ends every child still running (teardown, also after a failure). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...living].map((child) => child.stop('SIGKILL', 2000)));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
