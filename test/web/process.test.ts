/**
 * The web app as the process operators run (`npm run web`): settings checked at start with the
 * variable named, /health and /metrics, rate-limited sign-in, and a clean stop on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../dev/ports.js';
import { runCodecEnv } from '../support/temporal.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(REPO, 'node_modules/.bin/tsx');

function webEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    PR_WEB_HOST: '127.0.0.1',
    PR_WEB_PORT: String(port),
    PR_WEB_PUBLIC_URL: `http://localhost:${port}`,
    // Nothing listens here: the provider is asked only when someone signs in.
    PR_OIDC_ISSUER: 'http://localhost:9/',
    PR_OIDC_CLIENT_ID: 'desk',
    PR_OIDC_CLIENT_SECRET: 'secret',
    PR_WEB_SESSION_KEY: randomBytes(32).toString('hex'),
    PR_WEB_SECURE_COOKIES: 'false',
    PR_WEB_LOGIN_RATE: '3',
    PR_WEB_DATA_DIR: mkdtempSync(join(tmpdir(), 'pr-web-')),
    PR_STAFF_DIRECTORY: join(REPO, 'dev/staff.yaml'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    ...runCodecEnv(),
    ...extra,
  };
}

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(TSX, ['web/main.ts'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function healthy(url: string, timeoutMs = 60_000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('the web app did not become healthy');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the web app process', () => {
  it('refuses to start with a bad setting, naming the variable and what was expected', async () => {
    const { exited, output } = run(webEnv(await freePort(), { PR_OIDC_ISSUER: 'not a url', PR_WEB_SESSION_KEY: 'short' }));
    expect(await exited).toBe(1);
    expect(output()).toContain('PR_OIDC_ISSUER: expected the issuer URL of the identity provider');
    expect(output()).toContain('PR_WEB_SESSION_KEY: expected 64 hexadecimal characters');
    expect(output()).not.toContain('    at ');
  });

  it('serves /health and /metrics, limits sign-in attempts, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const { child, exited, output } = run(webEnv(port));
    try {
      expect(await (await healthy(url)).json()).toEqual({ status: 'ok', temporal: 'ok' });
      const attempts = [];
      for (let i = 0; i < 4; i++) attempts.push((await fetch(`${url}/login`)).status);
      expect(attempts).toEqual([200, 200, 200, 429]);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('desk_http_requests_total{method="GET",route="/login",status="429"} 1');
      expect(metrics).toContain('desk_process_cpu_user_seconds_total');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // Structured logs: one JSON object a line, request lines by route pattern only.
    const lines = output().trim().split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(output()).toContain('"signal":"SIGTERM"');
  });
});
