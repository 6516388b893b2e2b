/**
 * The real Temporal dev server as a child process on a SQLite file, so a scenario can stop it (SIGTERM
 * or SIGKILL) and start it again on the same file and port: every programme must come back from disk.
 */
import { connect } from 'node:net';
import { Connection } from '@temporalio/client';
import { provisionTemporalCli } from '../../../dev/temporal-cli.js';
import { searchAttributeFlags } from '../../../domain/searchAttributes.js';
import { Child, sleep } from '../../../dev/childProcess.js';

export interface TemporalServerOptions {
  port: number;
  httpPort: number;
  metricsPort: number;
  dbFile: string;
  cwd: string;
  logDir: string;
}

export class TemporalServer {
  private child: Child | undefined;
  private starts = 0;

  constructor(readonly options: TemporalServerOptions) {}

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  get process(): Child | undefined {
    return this.child;
  }

  /** The dev server is open on loopback: every caller needs its address only. */
  profileEnv(): Record<string, string> {
    return { TEMPORAL_ADDRESS: this.address };
  }

  async start(): Promise<void> {
    const cli = provisionTemporalCli({ allowDownload: false });
    if (cli.type !== 'existing-path') throw new Error('the Temporal CLI is not available');
    const { port, httpPort, metricsPort, dbFile, cwd, logDir } = this.options;
    this.starts += 1;
    this.child = new Child({
      name: `temporal-${this.starts}`,
      command: cli.path,
      args: [
        'server', 'start-dev',
        '--db-filename', dbFile,
        '--ip', '127.0.0.1',
        '--port', String(port),
        '--http-port', String(httpPort),
        '--metrics-port', String(metricsPort),
        '--headless',
        '--namespace', 'default',
        '--log-level', 'error',
        '--sqlite-pragma', 'journal_mode=WAL',
        ...searchAttributeFlags().flatMap((flag) => ['--search-attribute', flag]),
      ],
      env: { ...(process.env as Record<string, string>) },
      cwd,
      logDir,
    });
    await this.waitUntilServing(60_000);
  }

  /** Serving means the default namespace answers, not merely that the port is open. */
  private async waitUntilServing(timeoutMs: number): Promise<void> {
    const started = Date.now();
    let last: unknown;
    while (Date.now() - started < timeoutMs) {
      if (this.child?.exited) throw new Error(`the Temporal server exited at start:\n${this.child.tail}`);
      try {
        const connection = await Connection.connect({ address: this.address, connectTimeout: 1000 });
        try {
          await connection.workflowService.describeNamespace({ namespace: 'default' });
          return;
        } finally {
          await connection.close();
        }
      } catch (err) {
        last = err;
        await sleep(250);
      }
    }
    throw new Error(`the Temporal server did not serve within ${timeoutMs} ms: ${String(last)}\n${this.child?.tail ?? ''}`);
  }

  /** Stops the server; resolves once the process group is gone and the port refuses connections. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    await child.stop(signal, 15_000);
    if (!child.isGone()) throw new Error('the Temporal server process group is still alive after stopping it');
    if (!(await refusesConnections(this.options.port))) throw new Error(`port ${this.options.port} still accepts connections after the server stopped`);
  }
}

/** True when nothing listens on 127.0.0.1:`port` (the connection is refused). */
export function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}
