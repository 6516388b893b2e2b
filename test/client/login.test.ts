/**
 * `prepared-return login` with the device flow against the real local identity provider: the
 * command line (a real subprocess, with no Temporal address, no key ring and no case secrets in its
 * environment) prints an address and a code; the caseworker opens it in Chromium, checks the code,
 * signs in; the command line is then signed in, keeps its tokens in a file only its user can read,
 * refreshes them when they run out, and `logout` removes the file.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESK_STAFF, startTestDesk } from '../support/desk.js';
import { uniqueTaskQueue } from '../support/temporal.js';
import { runCli } from './runCli.js';
import { deviceSignIn } from '../support/deviceSignIn.js';
import { launchChromium } from '../support/chromium.js';

const TTL_SECONDS = 4;

let desk: Awaited<ReturnType<typeof startTestDesk>>;
let browser: Browser;
const home = mkdtempSync(join(tmpdir(), 'pr-cli-home-'));
const loginFile = join(home, 'config', 'prepared-return', 'login.json');

/** A caseworker's shell: the app's address and nothing of Temporal or the keys. */
function caseworkerEnv(): Record<string, string> {
  const keep = ['PATH', 'LANG', 'TZ'];
  const env = Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
  return { ...env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), PR_APP_URL: desk.url, NO_COLOR: '1' };
}

beforeAll(async () => {
  desk = await startTestDesk({ taskQueue: uniqueTaskQueue('cli-login'), accessTokenTtl: TTL_SECONDS });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe('prepared-return login', () => {
  it('signs in with the device flow approved in the browser, keeps the token 0600, refreshes it, and logout removes it', async () => {
    const env = caseworkerEnv();
    for (const name of Object.keys(env)) expect(name).not.toMatch(/^TEMPORAL_|^PR_CODEC|^PR_CASE_KEYS|KEY/);

    const signedIn = await deviceSignIn(browser, env, DESK_STAFF.caseworker);
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.stdout).toContain(`Signed in as Tina Test (${DESK_STAFF.caseworker}, caseworker)`);
    expect(statSync(loginFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'config', 'prepared-return')).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(loginFile, 'utf8')) as { accessToken: string; refreshToken?: string };
    expect(stored.refreshToken).toBeTruthy();

    // After the access token has run out, the next command refreshes it without asking her again.
    await new Promise((resolve) => setTimeout(resolve, (TTL_SECONDS + 1) * 1000));
    const who = await runCli(['whoami', '--json'], env);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ id: DESK_STAFF.caseworker, role: 'caseworker', team: 'team-a' });
    expect((JSON.parse(readFileSync(loginFile, 'utf8')) as { accessToken: string }).accessToken).not.toBe(stored.accessToken);

    const out = await runCli(['logout'], env);
    expect([out.code, out.stdout]).toEqual([0, 'Signed out.\n']);
    expect(existsSync(loginFile)).toBe(false);
    const after = await runCli(['whoami'], env);
    expect(after.code).toBe(2);
    expect(after.stderr).toContain('not signed in');
  }, 120_000);
});
