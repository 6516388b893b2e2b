/**
 * `npm start` as a newcomer runs it, on free ports and a data folder of its own: the terminal shows
 * the banner and nothing else; the banner names the gateway's clients and where their secrets are;
 * a second Romanian partner answers when the first declines; and however the stack is killed
 * (kill -9 of npm alone, of the stack's process, of the whole process group, or a server left by an
 * older start) the next `npm start` comes up with every programme.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from '../../dev/ports.js';
import { writeCaseSecretFile } from '../../codec/caseSecretFolder.js';
import { runCli, REPO } from '../client/runCli.js';
import { tempDir } from '../codec/support.js';

const CASE = 'CMM-2026-0001';
const READY = 'Press Ctrl-C to stop.';

interface Stack {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

describe('npm start', { timeout: 900_000 }, () => {
  const dataDir = tempDir('local-stack');
  const ports: Record<string, number> = {};
  let env: Record<string, string>;
  let cliEnv: Record<string, string>;
  const started: Stack[] = [];

  beforeAll(async () => {
    // A folder as `mkdir .data` makes it (a temporary folder is private to root, and the embedded
    // PostgreSQL, which runs as the postgres user when the stack runs as root, could not enter it).
    chmodSync(dataDir, 0o755);
    // And the case-key folder an earlier version kept there, with one case's secret.
    mkdirSync(join(dataDir, 'case-keys'));
    writeCaseSecretFile(join(dataDir, 'case-keys'), 'return-programme-CMM-2025-0099', randomBytes(32));
    for (const name of ['temporal', 'ui', 'codec', 'smtp', 'sim', 'gateway', 'postgres', 'web', 'idp']) ports[name] = await freePort();
    // The test run's own keys and database are not the stack's: it makes its own in the data folder,
    // with the embedded PostgreSQL as `npm start` runs it by default.
    const { PR_CODEC_KEYS_FILE: _k, PR_CASE_KEYS_DIR: _c, DATABASE_URL: _d, PR_PSEUDONYM_KEY: _p, ...inherited } = process.env;
    env = Object.fromEntries(Object.entries({
      ...inherited,
      PR_DATA_DIR: dataDir,
      PR_TEMPORAL_PORT: String(ports.temporal),
      PR_UI_PORT: String(ports.ui),
      PR_CODEC_PORT: String(ports.codec),
      PR_SMTP_PORT: String(ports.smtp),
      PR_PARTNER_SIM_PORT: String(ports.sim),
      PR_GATEWAY_URL: `http://localhost:${ports.gateway}`,
      PR_POSTGRES_PORT: String(ports.postgres),
      PR_WEB_PORT: String(ports.web),
      PR_IDP_PORT: String(ports.idp),
      PR_PARTNER_SIM_DELAY_MS: '200',
      // The first Romanian partner declines, so the second one must answer.
      PR_PARTNER_SIM_DECLINE: 'ro-harbour-house',
      NO_COLOR: '1',
    }).filter((e): e is [string, string] => e[1] !== undefined));
    const { LOG_LEVEL: _l, ...quiet } = env;
    env = quiet;
    cliEnv = { ...env, TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`, PR_CASEWORKER_ID: 'cw-demo' };
  });

  afterAll(async () => {
    for (const stack of started) {
      if (stack.child.exitCode === null && stack.child.pid) {
        try {
          process.kill(-stack.child.pid, 'SIGINT');
        } catch {
          // already gone
        }
        await stack.exited;
      }
    }
  });

  function npmStart(): Stack {
    // A process group of its own, as a terminal gives `npm start`.
    const child = spawn('npm', ['start'], { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // 'close': npm has exited and every process writing to its output (the stack) has too.
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const stack = { child, stdout: () => stdout, stderr: () => stderr, exited };
    started.push(stack);
    return stack;
  }

  async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 240_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function running(): Promise<Stack> {
    const stack = npmStart();
    let code: number | null | undefined;
    void stack.exited.then((c) => (code = c));
    await until('the banner', () => {
      if (code !== undefined) throw new Error(`npm start exited (${code}):\n${stack.stdout()}\n${stack.stderr()}`);
      return stack.stdout().includes(READY);
    });
    return stack;
  }

  /** Every process of the stack's group has ended and the ports are free again. */
  async function gone(stack: Stack): Promise<void> {
    const group = stack.child.pid!;
    await until('every process of the stack to end', () => {
      try {
        process.kill(-group, 0);
        return false;
      } catch {
        return true;
      }
    }, 60_000);
    for (const port of Object.values(ports)) expect(await isPortFree(port, '127.0.0.1'), `port ${port}`).toBe(true);
  }

  const status = async () => JSON.parse((await runCli(['status', CASE, '--json'], cliEnv)).stdout) as { caseRef: string; partner: { id: string; state: string } | null };

  it('shows the banner only, names the gateway clients and their secrets, and the second Romanian partner answers', async () => {
    const stack = await running();
    const out = stack.stdout().split('\n').filter((line) => !line.startsWith('> ')).join('\n').trim();
    expect(out.startsWith('prepared-return is running:')).toBe(true);
    expect(out).not.toMatch(/webpack|\[INFO\]|Workflow bundle|CLI 0\.0\.0|Metrics:/);
    expect(out.split('\n').length).toBeLessThanOrEqual(30);
    expect(stack.stderr()).toBe('');
    const log = readFileSync(join(dataDir, 'stack.log'), 'utf8');
    expect(log).toMatch(/webpack .* compiled successfully/);
    // The data folder is closed to everyone but its owner; as root, the embedded server's user may only pass through.
    const folder = statSync(dataDir);
    if (process.getuid?.() === 0) {
      expect(folder.mode & 0o777).toBe(0o710);
      expect(folder.gid).toBe(Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
    } else {
      expect(folder.mode & 0o777).toBe(0o700);
    }
    // The earlier version's case secrets are in the database now, and their folder gone.
    expect(log).toContain(`case secrets moved into the database from ${join(dataDir, 'case-keys')}: 1 secret(s), 0 erased case(s)`);
    expect(existsSync(join(dataDir, 'case-keys'))).toBe(false);
    expect(out).toContain(`Log               ${join(dataDir, 'stack.log')}`);

    expect(out).toContain('signs in: ro-harbour-house, ro-new-start, ng-safe-landing (partners), return-agency');
    expect(out).toContain(`their secrets: ${join(dataDir, 'gateway-secrets.env')}`);
    const secrets = readFileSync(join(dataDir, 'gateway-secrets.env'), 'utf8');
    for (const name of ['PARTNER_SECRET_RO_HARBOUR_HOUSE', 'PARTNER_SECRET_RO_NEW_START', 'PARTNER_SECRET_NG_SAFE_LANDING', 'GATEWAY_SECRET_RETURN_AGENCY']) {
      expect(secrets).toMatch(new RegExp(`^${name}=whsec_[A-Za-z0-9+/]{43}=$`, 'm'));
    }

    const opened = await runCli(['open', CASE, '--country', 'RO', '--assessed-on', 'today', '--consent', 'participation,sharing,follow-up'], cliEnv);
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    const assessed = await runCli(['record-assessment', CASE, '--risk', 'medium', '--needs', 'housing,medical'], cliEnv);
    expect(assessed.code, assessed.stderr).toBe(0);
    await until('ro-new-start to accept after ro-harbour-house declined', async () => (await status()).partner?.id === 'ro-new-start', 120_000);
    expect((await status()).partner).toEqual({ id: 'ro-new-start', state: 'accepted' });

    // The same secrets after a restart: a script playing a partner keeps working.
    process.kill(-stack.child.pid!, 'SIGINT');
    await stack.exited;
    expect(stack.stdout()).toContain(`Stopped. Programmes are kept in ${join(dataDir, 'temporal.sqlite')}`);
    await gone(stack);
    const again = await running();
    expect(readFileSync(join(dataDir, 'gateway-secrets.env'), 'utf8')).toBe(secrets);
    process.kill(-again.child.pid!, 'SIGINT');
    await again.exited;
    await gone(again);
  });

  it('kill -9 of npm alone ends the whole stack, and the next start has every programme', async () => {
    const stack = await running();
    process.kill(stack.child.pid!, 'SIGKILL');
    await gone(stack);
    const next = await running();
    expect((await status()).caseRef).toBe(CASE);

    // A second start on the same data folder while this one runs says so and changes nothing.
    const second = npmStart();
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`The local stack is already running on the data folder ${dataDir} (process `);
    expect((await status()).caseRef).toBe(CASE);

    // kill -9 of the stack's own process: its Temporal server ends with it.
    const stackProcess = spawnSync('pgrep', ['-g', String(next.child.pid), '-f', 'dev/start.ts$'], { encoding: 'utf8' }).stdout.trim().split('\n').map(Number).filter(Boolean);
    expect(stackProcess.length).toBeGreaterThan(0);
    for (const pid of stackProcess) process.kill(pid, 'SIGKILL');
    await gone(next);
  });

  it('kill -9 of the whole process group, then npm start, comes up with every programme', async () => {
    const stack = await running();
    process.kill(-stack.child.pid!, 'SIGKILL');
    await gone(stack);
    const next = await running();
    expect((await status()).partner?.id).toBe('ro-new-start');
    process.kill(-next.child.pid!, 'SIGINT');
    await next.exited;
    await gone(next);
  });

  it('a Temporal server and a PostgreSQL left running on this data folder are named, stopped, and the start goes on', async () => {
    const stack = await running();
    const group = stack.child.pid!;
    const inGroup = spawnSync('pgrep', ['-g', String(group), '-a'], { encoding: 'utf8' }).stdout.trim().split('\n').map((line) => {
      const [pid, ...cmd] = line.split(' ');
      return { pid: Number(pid), cmd: cmd.join(' ') };
    });
    const server = inGroup.find((p) => p.cmd.includes('server start-dev') && !p.cmd.includes('lifeline.mjs'))!.pid;
    const postgres = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    // What an older version of the stack left behind when it was killed: its servers, running on.
    for (const p of inGroup) {
      const isServer = p.cmd.includes('server start-dev') && !p.cmd.includes('lifeline.mjs');
      if (!isServer && !p.cmd.includes('postgres:') && p.pid !== postgres) process.kill(p.pid, 'SIGKILL');
    }
    await stack.exited;
    expect(() => process.kill(server, 0)).not.toThrow();
    expect(() => process.kill(postgres, 0)).not.toThrow();

    const next = await running();
    expect(next.stdout()).toContain(`A Temporal dev server left running by an earlier start holds this data folder (process ${server}, ${join(dataDir, 'temporal.sqlite')}); stopping it.`);
    expect(next.stdout()).toContain(`The embedded PostgreSQL left running by an earlier start holds this data folder (process ${postgres}, ${join(dataDir, 'postgres')}); stopping it.`);
    expect(() => process.kill(server, 0)).toThrow();
    expect((await status()).caseRef).toBe(CASE);
    process.kill(-next.child.pid!, 'SIGINT');
    await next.exited;
    await gone(next);
    expect(existsSync(join(dataDir, 'stack.pid'))).toBe(false);
  });
});
