/**
 * The local stack's Temporal dev server, owned by the stack: started through `dev/lifeline.mjs`, so
 * it ends when the stack's process ends, even on kill -9 (the SDK's own launcher leaves it running,
 * orphaned, holding the ports and the SQLite file). Same server and flags as `startDevServer`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NativeConnection } from '@temporalio/worker';
import { searchAttributeFlags } from '../domain/searchAttributes.js';

const LIFELINE = fileURLToPath(new URL('./lifeline.mjs', import.meta.url));

export interface OwnedServerOptions {
  /** The Temporal CLI executable. */
  cli: string;
  ip: string;
  port: number;
  uiPort: number;
  uiCodecEndpoint: string;
  namespace: string;
  dbFilename: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Where the server's own output goes: a file descriptor of the stack's log, or the terminal. */
  output: number | 'inherit';
  /** How long the server may take to answer (a cold SQLite file with many programmes takes longer). */
  readyTimeoutMs?: number;
}

export interface OwnedServer {
  address: string;
  pid: number;
  /** Stops the server (SIGTERM, so it closes its database) and waits until it has gone. */
  teardown(): Promise<void>;
}

/** The flags `temporal server start-dev` gets, as the SDK's test environment passes them. */
export function devServerArgs(options: Omit<OwnedServerOptions, 'cli' | 'output' | 'readyTimeoutMs'>): string[] {
  return [
    'server', 'start-dev',
    '--ip', options.ip,
    '--port', String(options.port),
    '--namespace', options.namespace,
    '--db-filename', options.dbFilename,
    '--ui-port', String(options.uiPort),
    '--ui-codec-endpoint', options.uiCodecEndpoint,
    '--log-format', 'pretty',
    '--log-level', options.logLevel,
    '--dynamic-config-value', 'frontend.enableServerVersionCheck=false',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    ...searchAttributeFlags().flatMap((flag) => ['--search-attribute', flag]),
  ];
}

export async function startOwnedDevServer(options: OwnedServerOptions): Promise<OwnedServer> {
  // The pipe on stdin is the lifeline: only this process holds its other end.
  const child = spawn(process.execPath, [LIFELINE, options.cli, ...devServerArgs(options)], {
    stdio: ['pipe', options.output, options.output],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const address = `${options.ip.includes(':') ? `[${options.ip}]` : options.ip}:${options.port}`;
  try {
    await untilServing(address, options.namespace, exited, options.readyTimeoutMs ?? 120_000);
  } catch (err) {
    await stopChild(child, exited);
    throw err;
  }
  return {
    address,
    pid: child.pid!,
    teardown: () => stopChild(child, exited).then(() => undefined),
  };
}

async function untilServing(address: string, namespace: string, exited: Promise<{ code: number | null }>, timeoutMs: number): Promise<void> {
  let gone: { code: number | null } | undefined;
  void exited.then((e) => (gone = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`the Temporal dev server stopped at start (exit code ${gone.code}); its output is in the stack's log`);
    try {
      const connection = await NativeConnection.connect({ address });
      try {
        // Serving once the namespace answers: the frontend may listen before the namespace exists.
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the Temporal dev server did not answer on ${address} within ${Math.round(timeoutMs / 1000)} s (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.stdin?.end(); // the lifeline ends: the server gets SIGTERM
  return exited;
}

/**
 * Ties a process the stack did not start itself (the embedded PostgreSQL, started by its library) to
 * the stack: when the stack ends, however it ends, the process gets `signal`.
 */
export function tieToStack(pid: number, signal: NodeJS.Signals): void {
  const guard = spawn(process.execPath, [LIFELINE, '--pid', String(pid), signal], { stdio: ['pipe', 'ignore', 'ignore'] });
  // The guard must not keep the stack alive: it lives as long as the pipe, not the other way round.
  guard.unref();
  (guard.stdin as unknown as { unref?: () => void } | null)?.unref?.();
}
