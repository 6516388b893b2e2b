/**
 * Supervisors sign in to the Temporal Web UI with the centre's identity provider: the real UI server
 * (ui-server 2.55.0, rendering deploy/temporal-ui/config/production.yaml as the cluster and compose
 * do) signs people in at the real local OpenID provider through its login form, and
 * the UI passes the signed-in person's access token to the codec endpoint. A supervisor reads the
 * programme's decoded input; a caseworker who signs in to the same UI sees only ciphertext, because
 * the endpoint refuses her role (403). Both the decode and the refusal are in the audit log.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { loadStaffDirectory } from '../../activities/staffDirectory.js';
import { openProgramme } from '../../client/openProgramme.js';
import { loadCodecConfig } from '../../codec/config.js';
import { programmeCodec } from '../../codec/dataConverter.js';
import { buildCodecServer } from '../../codec/server.js';
import type { Child } from '../../dev/childProcess.js';
import { ensureDevCertificate } from '../../dev/codec.js';
import { DEV_CODEC_AUDIENCE, DEV_IDP_PASSWORD } from '../../dev/desk.js';
import { startIdentityProvider, type RunningIdentityProvider } from '../../dev/identityProvider.js';
import { freePort } from '../../dev/ports.js';
import { provisionTemporalProduction } from '../../dev/temporal-production.js';
import { startTemporalUi, TEMPORAL_UI_STARTED, temporalUiClient } from '../../dev/temporalUi.js';
import { AccessTokenVerifier } from '../../identity/accessToken.js';
import { readAudit } from '../../store/auditLog.js';
import { runAuditTrail, useDatabase } from '../support/database.js';
import { programmeInput } from '../support/programmes.js';
import { runCodecEnv, testDataConverter, uniqueCaseRef } from '../support/temporal.js';
import { launchChromium } from '../support/chromium.js';

const ARTEFACTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const PERSON = { fullName: 'Ioana Canarescu', birthDate: '1994-03-07' };
const CANARY = 'Canarescu';
// Staff ids of this file alone: other files' sign-ins land in the same audit log.
const suffix = Math.random().toString(36).slice(2, 8);
const SUPERVISOR = `sup-ui-${suffix}`;
const CASEWORKER = `cw-ui-${suffix}`;

const store = useDatabase();
const namespace = inject('temporalNamespace');
const answers: number[] = [];
let idp: RunningIdentityProvider;
let codec: FastifyInstance;
let ui: Child;
let browser: Browser;
let uiOrigin: string;
let caseRef: string;

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'pr-ui-sso-'));
  const [idpPort, codecPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  uiOrigin = `http://localhost:${uiPort}`;
  const codecUrl = `https://localhost:${codecPort}`;

  const uiClient = temporalUiClient(uiOrigin, `ui-secret-${suffix}`);
  const staffFile = join(dir, 'staff.yaml');
  writeFileSync(
    staffFile,
    `caseworkers:\n  ${CASEWORKER}: { name: Cora Caseworker, email: cora@staff.test, team: team-a }\nstaff:\n  ${SUPERVISOR}: { name: Sune Supervisor, role: supervisor }\nsupervisors: { emails: [supervisor@staff.test] }\nauthority: { emails: [return-agency@staff.test] }\n`,
  );
  idp = await startIdentityProvider({
    host: '127.0.0.1',
    port: idpPort,
    staff: loadStaffDirectory(staffFile).file,
    password: DEV_IDP_PASSWORD,
    apiAudiences: [DEV_CODEC_AUDIENCE],
    clients: [uiClient],
  });

  codec = buildCodecServer({
    codec: programmeCodec(loadCodecConfig(runCodecEnv()), namespace),
    accessTokens: { verifier: new AccessTokenVerifier({ issuer: idp.issuer, audience: DEV_CODEC_AUDIENCE }), roleClaim: 'role', namespaces: [namespace] },
    uiOrigins: [uiOrigin],
    audit: runAuditTrail(),
    https: ensureDevCertificate(dir),
  });
  codec.addHook('onResponse', async (request, reply) => {
    if (request.method === 'POST') answers.push(reply.statusCode);
  });
  await codec.listen({ host: '127.0.0.1', port: codecPort });

  ui = startTemporalUi({
    uiServer: provisionTemporalProduction().uiServer,
    temporalAddress: inject('temporalAddress'),
    host: '127.0.0.1',
    port: uiPort,
    namespace,
    origin: uiOrigin,
    codecEndpoint: codecUrl,
    logDir: dir,
    signIn: { providerUrl: idp.issuer, clientId: uiClient.clientId, clientSecret: uiClient.clientSecret, resource: DEV_CODEC_AUDIENCE },
  });
  await ui.waitForOutput(TEMPORAL_UI_STARTED, 60_000);

  const connection = await Connection.connect({ address: inject('temporalAddress') });
  caseRef = uniqueCaseRef('SSO');
  // No worker needed: the input and the search attributes are there from the start.
  await openProgramme(new Client({ connection, namespace, dataConverter: testDataConverter() }), programmeInput(caseRef, { person: PERSON }));
  await connection.close();

  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
  await codec?.close();
  await idp?.stop();
});

/** A fresh browser profile signed in to the UI through the provider's login form. */
async function signedIn(staffId: string): Promise<{ context: BrowserContext; page: Page }> {
  // The development certificate of the codec endpoint is self-signed; a supervisor accepts it once.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(uiOrigin);
  await page.getByRole('button', { name: /SSO/i }).click();
  await page.getByLabel('User name').fill(staffId);
  await page.getByLabel('Password').fill(DEV_IDP_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === uiOrigin && !url.pathname.startsWith('/auth') && !url.pathname.startsWith('/login'));
  return { context, page };
}

/** Opens the programme's page (visibility catches up within seconds). */
async function openTheProgramme(page: Page): Promise<void> {
  const link = page.locator(`a[href*="return-programme-${caseRef}"]`).first();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(`${uiOrigin}/namespaces/${namespace}/workflows?query=${encodeURIComponent(`WorkflowId = "return-programme-${caseRef}"`)}`);
    if (await link.isVisible({ timeout: 3000 }).catch(() => false)) break;
  }
  await link.click();
  await page.waitForURL(/\/workflows\/return-programme-/);
}

/**
 * The page's text, with every code block scrolled through: the UI's code blocks (the input) show a
 * few lines at a time and render only those, so the rest of a long input is read by scrolling.
 */
async function pageText(page: Page): Promise<string> {
  const parts = [await page.locator('body').innerText()];
  for (const scroller of await page.locator('.cm-scroller').all()) {
    for (let step = 0; step < 40; step++) {
      const more = await scroller.evaluate((el) => {
        el.scrollTop += el.clientHeight / 2;
        return el.scrollTop + el.clientHeight < el.scrollHeight;
      });
      await page.waitForTimeout(50);
      parts.push(await scroller.innerText());
      if (!more) break;
    }
  }
  return parts.join('\n');
}

const trail = async (actor: string) => (await readAudit(store.db, { actor })).map((e) => [e.role, e.action, e.result]);

describe('signing in to the Temporal Web UI with the identity provider', () => {
  it('shows a signed-in supervisor the decoded programme input, and audits the decode under her id', async () => {
    const { context, page } = await signedIn(SUPERVISOR);
    try {
      await openTheProgramme(page);
      await expect.poll(() => pageText(page), { timeout: 30_000 }).toContain(CANARY);
      expect(await pageText(page)).toContain('"caseRef"');
      expect(await pageText(page)).toContain(PERSON.birthDate);
      await page.screenshot({ path: join(ARTEFACTS, 'ui-sso-supervisor-decoded.png'), fullPage: true });
      expect(answers).toContain(200);
      expect(await trail(SUPERVISOR)).toContainEqual(['supervisor', 'decode', 'done']);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows a signed-in caseworker only ciphertext: the codec endpoint refuses her role, audited', async () => {
    const before = answers.length;
    const { context, page } = await signedIn(CASEWORKER);
    try {
      await openTheProgramme(page);
      // The UI asked the codec endpoint with her token and was refused …
      await expect.poll(() => answers.slice(before), { timeout: 30_000 }).toContain(403);
      // … and shows the input as the server holds it: one long run of base64, no field of the programme.
      const ciphertext = /[A-Za-z0-9+/]{200,}/;
      await expect.poll(async () => ciphertext.test(await pageText(page)), { timeout: 30_000 }).toBe(true);
      expect(await pageText(page)).not.toContain('"caseRef"');
      await page.screenshot({ path: join(ARTEFACTS, 'ui-sso-caseworker-ciphertext.png'), fullPage: true });
      expect(await pageText(page)).not.toContain(CANARY);
      expect(await page.content()).not.toContain(CANARY);
      expect(answers.slice(before)).not.toContain(200);
      expect(await trail(CASEWORKER)).toContainEqual(['caseworker', 'decode', 'denied']);
    } finally {
      await context.close();
    }
  }, 120_000);
});
