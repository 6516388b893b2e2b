/**
 * `prepared-return login` as a person does it: the real command line (a subprocess) prints an
 * address and a code; she opens the address in Chromium, checks the code and signs in at the local
 * identity provider; the command line then finishes on its own.
 */
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEV_IDP_PASSWORD } from '../../dev/desk.js';
import { BIN, REPO } from '../client/runCli.js';

export async function deviceSignIn(browser: Browser, env: Record<string, string>, staffId: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'login'], { env, cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  const prompt = new Promise<{ url: string; code: string }>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      const found = /open (\S+)\nand check that it shows the code (\S+)\./.exec(stderr);
      if (found) resolve({ url: found[1]!, code: found[2]! });
    });
    child.on('close', (code) => reject(new Error(`login ended (${code}) before it showed a code: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const { url, code } = await prompt;

  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await expect.poll(() => page.locator('code').textContent()).toBe(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('User name').fill(staffId);
    await page.getByLabel('Password').fill(DEV_IDP_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The command line is signed in').waitFor();
    return { code: await exited, stdout, stderr };
  } finally {
    await context.close();
  }
}
