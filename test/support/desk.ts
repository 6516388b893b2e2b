/**
 * The caseworkers' web app for tests: the real app and the real local OpenID provider on free ports,
 * against the run's Temporal server and keys, with a test staff directory (two caseworkers in one
 * team, one in another, a supervisor, a data protection officer, an analyst). Signing in goes through
 * the provider's own login form, as a person would.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createRequire } from 'node:module';
import { inject, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { DEV_IDP_PASSWORD, startDevDesk, type DevDesk } from '../../dev/desk.js';
import { freePort } from '../../dev/ports.js';
import { localServerProfile } from '../../temporal/profile.js';
import { runCodecEnv } from './temporal.js';

export const DESK_STAFF = {
  caseworker: 'cw-test',
  teammate: 'cw-mate',
  otherTeam: 'cw-other',
  supervisor: 'sup-test',
  dpo: 'dpo-test',
  analyst: 'analyst-test',
} as const;

const STAFF_YAML = `
language: en
caseworkers:
  cw-test: { name: Tina Test, email: caseworker@staff.test, language: en, team: team-a }
  cw-mate: { name: Mette Mate, email: mate@staff.test, team: team-a }
  cw-other: { name: Olga Other, email: other@staff.test, team: team-b }
staff:
  sup-test: { name: Sune Supervisor, role: supervisor }
  dpo-test: { name: Dina Databeskyttelse, role: data-protection-officer }
  analyst-test: { name: Anton Analyst, role: analyst }
supervisors: { emails: [supervisor@staff.test] }
authority: { emails: [return-agency@staff.test] }
`;

export async function startTestDesk(options: { taskQueue: string; settings?: Record<string, string>; accessTokenTtl?: number; otherAudiences?: string[] }): Promise<DevDesk & { dataDir: string; logs: () => string }> {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'pr-desk-'));
  const staffDirectory = join(dataDir, 'staff.yaml');
  writeFileSync(staffDirectory, STAFF_YAML);
  const desk = await startDevDesk({
    host: '127.0.0.1',
    webPort: await freePort(),
    idpPort: await freePort(),
    dataDir,
    temporal: localServerProfile(inject('temporalAddress'), inject('temporalNamespace')),
    taskQueue: options.taskQueue,
    staffDirectory,
    env: runCodecEnv(),
    settings: { ...options.settings },
    ...(options.accessTokenTtl ? { accessTokenTtl: options.accessTokenTtl } : {}),
    ...(options.otherAudiences ? { otherAudiences: options.otherAudiences } : {}),
    // Every request is logged at info: the canary checks read all of it.
    logLevel: 'info',
    logStream,
  });
  return { ...desk, dataDir, logs: () => lines.join('') };
}

/** Signs in through the provider's form; ends on the page the app shows after sign-in. */
export async function signIn(page: Page, desk: DevDesk, staffId: string, path = '/'): Promise<void> {
  await page.goto(`${desk.url}${path}`);
  await page.getByRole('button', { name: /Log ind|Sign in/ }).click();
  await page.getByLabel('User name').fill(staffId);
  await page.getByLabel('Password').fill(DEV_IDP_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === desk.url && !url.pathname.startsWith('/login') && !url.pathname.startsWith('/auth/'));
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it stands: no WCAG 2.1 A/AA violation. Evaluated by the browser's devtools, so the page's CSP stays as strict as it is. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(`${AXE_SOURCE}\n;undefined`);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  expect(violations, `axe on ${what}`).toEqual([]);
}
