#!/usr/bin/env node
// Ties a process to the one that started us. Our stdin is a pipe whose other end only that process
// holds; the kernel closes it when that process ends, however it ends (Ctrl-C, a crash, kill -9).
//
//   node dev/lifeline.mjs <command> [args…]     runs the command, and stops it (SIGTERM) then
//   node dev/lifeline.mjs --pid <pid> <signal>  stops a process started otherwise (the embedded
//                                               PostgreSQL) with the given signal
//
// So the local stack's Temporal server and database never outlive the stack. Plain JavaScript: it
// starts in milliseconds.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const GRACE_MS = 15_000;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function onLifelineCut(stop) {
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
}

if (args[0] === '--pid') {
  const pid = Number(args[1]);
  const signal = args[2] ?? 'SIGTERM';
  if (!Number.isInteger(pid) || pid <= 1) {
    console.error('usage: node dev/lifeline.mjs --pid <pid> <signal>');
    process.exit(2);
  }
  // Gone on its own (the stack stopped it): nothing left to guard.
  setInterval(() => alive(pid) || process.exit(0), 1000);
  onLifelineCut(() => {
    try {
      process.kill(pid, signal);
    } catch {
      process.exit(0);
    }
    setTimeout(() => process.exit(alive(pid) ? 1 : 0), GRACE_MS).unref();
  });
} else {
  const [command, ...rest] = args;
  if (!command) {
    console.error('usage: node dev/lifeline.mjs <command> [args…]');
    process.exit(2);
  }
  const child = spawn(command, rest, { stdio: ['ignore', 'inherit', 'inherit'] });
  let stopping = false;
  // SIGTERM lets the server close its database; SIGKILL after a grace period if it does not.
  onLifelineCut(() => {
    if (stopping) return;
    stopping = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), GRACE_MS).unref();
  });
  child.on('error', (err) => {
    console.error(`lifeline: cannot run ${command}: ${err.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}
