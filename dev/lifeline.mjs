#!/usr/bin/env node
// `node dev/lifeline.mjs <command> [args…]`: runs the command and ends it when the process that
// started us ends. That process holds the other end of our stdin; the kernel closes it when that
// process ends, however it ends (Ctrl-C, a crash, kill -9), and then we stop the command. So the
// local stack's Temporal server never outlives the stack. Plain JavaScript: it starts in milliseconds.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node dev/lifeline.mjs <command> [args…]');
  process.exit(2);
}

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;

/** SIGTERM lets the server close its database; SIGKILL after a grace period if it does not. */
function stop() {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
}

process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);

child.on('error', (err) => {
  console.error(`lifeline: cannot run ${command}: ${err.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
