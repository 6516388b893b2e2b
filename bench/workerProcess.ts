/**
 * The benchmark's side of its worker process (bench/worker.ts): started as a separate Node process
 * like a deployed worker, its output kept in a log file, asked for memory and cache figures over IPC.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerReport, WorkerRequest, WorkerSettings } from './workerProtocol.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export class WorkerProcess {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, (report: WorkerReport) => void>();
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: WorkerSettings,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  async start(): Promise<void> {
    const log = openSync(this.logFile, 'a');
    // A cached programme costs about 2 MB of the workflow thread's heap: 4,000 of them outgrow V8's default limit.
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', join(ROOT, 'bench', 'worker.ts'), JSON.stringify(this.settings)], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', log, log, 'ipc'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the worker process exited at start (code ${code}); see ${this.logFile}`));
      child.once('exit', onExit);
      child.on('message', (message: WorkerReport | { ready: true }) => {
        if ('ready' in message) {
          child.off('exit', onExit);
          resolve();
          return;
        }
        this.waiting.get(message.id)?.(message);
        this.waiting.delete(message.id);
      });
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Memory after a full collection, and how many workflows each worker holds in its cache. */
  report(type: WorkerRequest['type'] = 'status'): Promise<WorkerReport> {
    const child = this.child;
    if (!child?.connected) return Promise.reject(new Error('the worker process is not running'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      child.send({ id, type } satisfies WorkerRequest);
    });
  }

  /** Stops it the way an operator does (SIGTERM: the SDK drains and exits); SIGKILL if it hangs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }
}
