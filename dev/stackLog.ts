/**
 * The local stack's log: everything but the banner (the Temporal server's output, the worker's and
 * the SDK's log lines, the workflow bundle report, the partner simulator, the codec endpoint's
 * audit) goes to `<data>/stack.log`, so the terminal shows what a person needs. `LOG_LEVEL=debug`
 * shows all of it in the terminal too.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

export interface StackLog {
  path: string;
  /** For child processes: the log file, or the terminal when it is echoed. */
  output: number | 'inherit';
  line(text: string): void;
  /** A stream of lines (for Fastify's logger). */
  stream: Writable;
  close(): void;
}

export function openStackLog(dataDir: string, echo: boolean): StackLog {
  const path = join(dataDir, 'stack.log');
  const fd = openSync(path, 'a', 0o600);
  let open = true;
  const write = (text: string) => {
    const withNewline = text.endsWith('\n') ? text : `${text}\n`;
    // Lines after close (a late library message as the process exits) have nowhere to go.
    if (open) writeSync(fd, withNewline);
    if (echo) process.stdout.write(withNewline);
  };
  write(`--- ${new Date().toISOString()} npm start (process ${process.pid})`);
  return {
    path,
    output: echo ? 'inherit' : fd,
    line: write,
    stream: new Writable({ write: (chunk: Buffer, _encoding, done) => (write(chunk.toString('utf8')), done()) }),
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** The SDK's own lines (worker state, the webpack report of the workflow bundle) into the log. */
export function installStackLogger(log: StackLog, level: LogLevel): void {
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const at = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
      const meta = entry.meta && Object.keys(entry.meta).length > 0 ? ` ${JSON.stringify(entry.meta)}` : '';
      log.line(`${at} [${entry.level}] ${entry.message}${meta}`);
    }),
  });
}
