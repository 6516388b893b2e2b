/**
 * The supervisor's view, in a real browser: Debian's headless Chromium opens the dev server's Web UI,
 * finds a programme with a `ProgrammeStage` query, opens it and reads the decoded input through the
 * codec endpoint with a supervisor token. Without the token the same page shows only ciphertext.
 * Screenshots land in test-results/ as artefacts.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { openProgramme } from '../../client/openProgramme.js';
import { programmeCodec } from '../../codec/dataConverter.js';
import { loadCodecConfig } from '../../codec/config.js';
import { buildCodecServer } from '../../codec/server.js';
import { generateToken, hashToken, Supervisors } from '../../codec/supervisors.js';
import { ensureDevCertificate } from '../../dev/codec.js';
import { freePort } from '../../dev/ports.js';
import { startDevServer } from '../../dev/temporal-server.js';
import { programmeInput } from '../support/programmes.js';
import { runCodecEnv, testDataConverter, uniqueCaseRef } from '../support/temporal.js';
import { runAuditTrail } from '../support/database.js';
import { launchChromium } from '../support/chromium.js';

const ARTEFACTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const PERSON = { fullName: 'Ioana Canarescu', birthDate: '1994-03-07' };

let server: TestWorkflowEnvironment;
let codec: FastifyInstance;
let browser: Browser;
let uiOrigin: string;
let codecUrl: string;
const token = generateToken();
const answers: number[] = [];
let caseRef: string;

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  const [uiPort, codecPort] = [await freePort(), await freePort()];
  uiOrigin = `http://localhost:${uiPort}`;
  codecUrl = `https://localhost:${codecPort}`;

  codec = buildCodecServer({
    codec: programmeCodec(loadCodecConfig(runCodecEnv()), 'default'),
    breakGlass: new Supervisors({ supervisors: [{ id: 'sup-test', tokenSha256: hashToken(token), namespaces: ['default'] }] }),
    uiOrigins: [uiOrigin],
    audit: runAuditTrail(),
    https: ensureDevCertificate(mkdtempSync(join(tmpdir(), 'pr-codec-cert-'))),
  });
  codec.addHook('onResponse', async (request, reply) => {
    if (request.method === 'POST') answers.push(reply.statusCode);
  });
  await codec.listen({ host: '127.0.0.1', port: codecPort });

  server = await startDevServer({ uiPort, uiCodecEndpoint: codecUrl, allowDownload: false, logLevel: 'error' });
  const client = new Client({ connection: server.connection, namespace: 'default', dataConverter: testDataConverter() });
  caseRef = uniqueCaseRef('UI');
  // No worker needed: the input, the search attributes and the summary are there from the start.
  await openProgramme(client, programmeInput(caseRef, { person: PERSON }));

  // Playwright gives every launch a fresh temporary profile (its own --user-data-dir), and every context is fresh too.
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.teardown();
  await codec?.close();
});

/** A fresh browser profile; with a token, the UI's codec settings pass it as the bearer token. */
async function supervisorPage(withToken: boolean): Promise<{ context: BrowserContext; page: Page }> {
  // The development certificate is self-signed; a supervisor accepts it once, the test skips that step.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(uiOrigin);
  if (withToken) {
    // The UI passes a bearer token to an HTTPS codec endpoint when "pass the user access token" is on;
    // the token is the signed-in user's (UI single sign-on) or what `globalThis.AccessToken()` returns.
    // Without SSO in the dev server, the supervisor's token is supplied through that hook.
    await context.addInitScript((accessToken) => {
      (globalThis as unknown as { AccessToken: () => Promise<string> }).AccessToken = async () => accessToken;
    }, token);
    // What the UI's Codec Server settings dialog stores: endpoint, pass the access token, override the server's setting.
    await page.evaluate((endpoint) => {
      const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage;
      storage.setItem('endpoint', JSON.stringify(endpoint));
      storage.setItem('passAccessToken', 'true');
      storage.setItem('overrideRemoteCodecConfiguration', 'true');
    }, codecUrl);
  }
  return { context, page };
}

/** Finds the programme with a ProgrammeStage query (visibility catches up within seconds) and opens it. */
async function openFromQuery(page: Page): Promise<void> {
  const query = `ProgrammeStage = "reflection" AND WorkflowId = "return-programme-${caseRef}"`;
  const link = page.locator(`a[href*="return-programme-${caseRef}"]`).first();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(`${uiOrigin}/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
    if (await link.isVisible({ timeout: 3000 }).catch(() => false)) break;
  }
  await link.click();
  await page.waitForURL(/\/workflows\/return-programme-/);
}

describe('the Temporal Web UI', () => {
  it('shows a supervisor with a token the decoded programme input', async () => {
    const { context, page } = await supervisorPage(true);
    try {
      await openFromQuery(page);
      await expect.poll(async () => page.locator('body').innerText(), { timeout: 30_000 }).toContain('Canarescu');
      const body = await page.locator('body').innerText();
      expect(body).toContain(caseRef);
      expect(body).toContain('1994-03-07');
      await page.screenshot({ path: join(ARTEFACTS, 'ui-supervisor-decoded.png'), fullPage: true });
      expect(answers).toContain(200);
    } finally {
      await context.close();
    }
  });

  it('shows only ciphertext without the token', async () => {
    const before = answers.length;
    const { context, page } = await supervisorPage(false);
    try {
      await openFromQuery(page);
      // The UI asked the codec endpoint and was refused …
      await expect.poll(() => answers.slice(before), { timeout: 30_000 }).toContain(401);
      // … and shows the input as the server holds it: an encrypted payload (its encoding, raw or in base64).
      const encrypted = /binary\/encrypted|YmluYXJ5L2VuY3J5cHRlZA==/;
      await expect.poll(async () => encrypted.test(await page.locator('body').innerText()), { timeout: 30_000 }).toBe(true);
      await page.screenshot({ path: join(ARTEFACTS, 'ui-without-token.png'), fullPage: true });
      // … so nothing personal is on the page, not even in the page's HTML.
      expect(await page.content()).not.toContain('Canarescu');
      expect(answers.slice(before)).not.toContain(200);
    } finally {
      await context.close();
    }
  });
});
