/** Runs a command to its end, keeping what it printed, and times it from spawn to exit (wall clock). */
import { spawn } from 'node:child_process';

export interface CommandRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCommand(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}
