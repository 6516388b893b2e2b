/**
 * The caseworkers' web app in Debian's Chromium, signed in through the real local OpenID provider:
 * a caseworker opens a programme, records the assessment, plans the travel, confirms the departure
 * and sees the programme move; a caseworker of another team gets the same answer as for a case that
 * does not exist; a supervisor requests the erasure and the data protection officer approves it.
 * axe-core checks every page; the main pages are saved as screenshots for docs/.
 * (Recording an e-mail partner's answer and acknowledging escalations are not commands of the
 * programme yet; the partner's acceptance comes as the gateway would send it.)
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { programmeWorkflowId } from '../../domain/programme.js';
import type { ProgrammeStatus } from '../../domain/status.js';
import { DESK_STAFF, expectAccessible, signIn, startTestDesk } from '../support/desk.js';
import { startTestPeers, TEST_EMAIL_ONLY_COUNTRY, TEST_PARTNERS, type TestPeers } from '../support/peers.js';
import { waitForStatus } from '../support/programmes.js';
import { connectToTestServer, uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from '../support/temporal.js';
import { launchChromium } from '../support/chromium.js';

/** `UPDATE_SCREENSHOTS=1` refreshes the committed ones in docs/; otherwise they are artefacts of the run. */
const SCREENSHOTS = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS ? '../../docs/screenshots/' : '../../test-results/desk-screenshots/', import.meta.url));
const CANARY = 'Ioana Canarescu';

let env: TestWorkflowEnvironment;
let peers: TestPeers;
let desk: Awaited<ReturnType<typeof startTestDesk>>;
let browser: Browser;
let stopWorker: () => void;
let worker: Promise<void>;
const taskQueue = uniqueTaskQueue('desk');
const caseRef = uniqueCaseRef('WEB');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  env = await connectToTestServer();
  peers = await startTestPeers();
  const stopped = new Promise<void>((resolve) => (stopWorker = resolve));
  worker = withProgrammeWorker(taskQueue, () => stopped, peers.activities);
  desk = await startTestDesk({ taskQueue });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  stopWorker?.();
  await worker?.catch(() => undefined);
  await peers?.stop();
  await env?.teardown();
});

async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  return { context, page: await context.newPage() };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** Clicks and waits for the page that the click loads (every form here answers with a new page). */
async function submit(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation(), target.click()]);
}

async function textOf(target: Locator): Promise<string> {
  return target.first().innerText();
}

/** Deleted, or at least no longer running (the server deletes runs in the background). */
async function programmeStopped(): Promise<boolean> {
  try {
    return (await env.client.workflow.getHandle(programmeWorkflowId(caseRef)).describe()).status.name !== 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return true;
    throw err;
  }
}

function status(): Promise<ProgrammeStatus> {
  return env.client.workflow.getHandle(programmeWorkflowId(caseRef)).query<ProgrammeStatus>('status');
}

describe('the caseworker desk in a browser', () => {
  it('a caseworker signs in, opens a programme, steers it and sees it move', async () => {
    const { context, page } = await fresh();
    await page.goto(desk.url);
    expect(page.url()).toMatch(/\/login/);
    await expectAccessible(page, 'sign-in page');
    await shot(page, 'sign-in');
    await signIn(page, desk, DESK_STAFF.caseworker);
    // Danish by default; the caseload comes from search attributes.
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Mine sager');
    await submit(page, page.getByRole('button', { name: 'English' }));
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('My caseload');
    await expectAccessible(page, 'caseload');

    // A form's problem is shown beside the field it concerns.
    await submit(page, page.getByRole('link', { name: 'Open a programme' }));
    await expectAccessible(page, 'open form');
    const openForm = page.locator('#open-form');
    await openForm.getByLabel('Case reference').fill(caseRef);
    await openForm.getByLabel(/Country of return/).fill('Romania');
    await openForm.getByLabel('Date of the victim assessment').fill(new Date().toISOString().slice(0, 10));
    for (const scope of ['participation', 'sharing', 'follow-up']) await page.locator(`#open-consent-${scope}`).check();
    await openForm.getByLabel(/Her name/).fill(CANARY);
    await submit(page, page.locator('#open-form').getByRole('button'));
    expect(await textOf(page.locator('#open-homeCountry-error'))).toContain('ISO 3166-1 alpha-2');
    expect(await openForm.getByLabel(/Country of return/).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'open form with a problem');
    await shot(page, 'open-programme-error');
    await expect(env.client.workflow.getHandle(programmeWorkflowId(caseRef)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

    // Thailand's only partner answers by e-mail: its answers are recorded here, on its behalf.
    await openForm.getByLabel(/Country of return/).fill(TEST_EMAIL_ONLY_COUNTRY);
    await openForm.getByLabel(/Her name/).fill(CANARY);
    await submit(page, page.locator('#open-form').getByRole('button'));
    expect(page.url()).toMatch(new RegExp(`/programmes/${caseRef}`));
    expect(await textOf(page.locator('[data-field="stage"]'))).toContain('reflection');
    // Her name is decoded in the app's server for the caseworker; nowhere else (see below).
    expect(await textOf(page.locator('[data-field="person"]'))).toContain(CANARY);
    // She opened it as herself: the programme's caseworker is the login.
    expect((await status()).caseworkerId).toBe(DESK_STAFF.caseworker);

    // A command the programme refuses shows the reason beside the field.
    const assessment = page.locator('#f-recordAssessment');
    await assessment.getByLabel('Risk level').selectOption('medium');
    await submit(page, assessment.getByRole('button'));
    expect(await textOf(page.locator('#f-recordAssessment-needs-error'))).toContain('at least one need');

    await page.locator('#f-recordAssessment').getByLabel('Risk level').selectOption('medium');
    await page.locator('#f-recordAssessment-needs-housing').check();
    await page.locator('#f-recordAssessment-needs-medical').check();
    await submit(page, page.locator('#f-recordAssessment').getByRole('button'));
    expect(await textOf(page.getByRole('status'))).toContain('Recorded');
    expect(await textOf(page.locator('[data-field="timeline"]'))).toContain('Assessment recorded (caseworker:cw-test)');
    await expectAccessible(page, 'programme page');

    // The e-mail partner accepts by mail; she records its answer on its behalf.
    const handle = env.client.workflow.getHandle(programmeWorkflowId(caseRef));
    await waitForStatus(handle, (s) => s.referral.candidates.some((c) => c.partnerId === TEST_PARTNERS.email && c.state === 'asked'), { what: 'partner asked' });
    await page.reload();
    // Its receipt first: the key contact and the alternate for her.
    const receipt = page.locator('#f-referralAcknowledged');
    await receipt.getByLabel(/^Partner/).fill(TEST_PARTNERS.email);
    await receipt.getByLabel('How the answer came').selectOption('email');
    await receipt.getByLabel('Key contact: name').fill('Malee S.');
    await receipt.getByLabel('Key contact: role').selectOption('case-manager');
    await receipt.getByLabel('Key contact: phone').fill('+66 2 123 4567');
    await receipt.getByLabel('Alternate contact: name').fill('Niran P.');
    await receipt.getByLabel('Alternate contact: role').selectOption('social-worker');
    await submit(page, receipt.getByRole('button'));
    expect(await textOf(page.getByRole('status'))).toContain('Recorded');
    const acknowledged = (await status()).referral.candidates.find((c) => c.partnerId === TEST_PARTNERS.email);
    expect(acknowledged?.contacts).toMatchObject({ key: { name: 'Malee S.', role: 'case-manager', phone: '+66 2 123 4567' }, alternate: { name: 'Niran P.', role: 'social-worker' }, source: { via: 'email' } });
    const answer = page.locator('#f-referralAnswered');
    await answer.getByLabel(/^Partner/).fill(TEST_PARTNERS.email);
    await answer.getByLabel('How the answer came').selectOption('email');
    await answer.getByLabel('Answer', { exact: true }).selectOption('accept');
    await answer.getByLabel('The partner on our risk assessment').selectOption('agree');
    await submit(page, answer.getByRole('button'));
    expect(await textOf(page.getByRole('status'))).toContain('Recorded');
    await waitForStatus(handle, (s) => s.stage === 'travel', { what: 'travel stage' });
    const accepted = (await status()).referral.candidates.find((c) => c.partnerId === TEST_PARTNERS.email);
    expect(accepted?.answer).toMatchObject({ answer: 'accept', riskFeedback: 'agree', source: { via: 'email', recordedBy: `caseworker:${DESK_STAFF.caseworker}` } });

    await page.reload();
    expect(await textOf(page.locator('[data-field="stage"]'))).toContain('travel');
    expect(await textOf(page.locator('[data-field="partner"]'))).toContain(TEST_PARTNERS.email);
    expect(await textOf(page.locator('[data-field="timeline"]'))).toContain(`(caseworker:${DESK_STAFF.caseworker} for partner:${TEST_PARTNERS.email}, email)`);
    // The programme refuses a date after the departure deadline: the reason stands beside the date.
    let travel = page.locator('#f-planTravel');
    await travel.getByLabel('Travel date').fill(new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10));
    await travel.getByLabel(/Arrival airport/).fill('OTP');
    await travel.getByLabel('Meeting point').fill('arrivals-hall');
    await submit(page, travel.getByRole('button'));
    expect(await textOf(page.locator('#f-planTravel-date-error'))).toContain('must be before the departure deadline');
    expect((await status()).travel).toBeNull();
    await expectAccessible(page, 'programme page with a refusal');

    travel = page.locator('#f-planTravel');
    await travel.getByLabel('Travel date').fill(new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10));
    await travel.getByLabel(/Arrival airport/).fill('OTP');
    await travel.getByLabel('Meeting point').fill('arrivals-hall');
    await submit(page, travel.getByRole('button'));
    expect(await textOf(page.getByRole('status'))).toContain('Plan the travel');
    expect(await textOf(page.locator('[data-field="waiting"]'))).toContain('departed');
    await shot(page, 'programme');

    await submit(page, page.locator('#f-departureConfirmed').getByRole('button'));
    expect(await textOf(page.locator('[data-field="stage"]'))).toContain('handover');
    expect(await textOf(page.locator('[data-field="who"]'))).toContain('partner');
    const after = await status();
    expect(after.departedAt).not.toBeNull();
    const departure = after.timeline.find((e) => e.kind === 'departureConfirmed');
    expect(departure?.by).toBe(`caseworker:${DESK_STAFF.caseworker}`);
    await expectAccessible(page, 'programme page after departure');

    // The partner phones to say she was received, then mails its report a month on: both recorded on its behalf.
    const handover = page.locator('#f-handoverConfirmed');
    await handover.getByLabel(/^Partner/).fill(TEST_PARTNERS.email);
    await handover.getByLabel('How the answer came').selectOption('phone');
    await handover.getByLabel('Where she was received').selectOption('airport');
    await submit(page, handover.getByRole('button'));
    expect(await textOf(page.getByRole('status'))).toContain('Recorded');
    await waitForStatus(handle, (s) => s.stage === 'follow-up', { what: 'follow-up stage' });
    await page.reload();
    const report = page.locator('#f-followUpReported');
    await report.getByLabel(/^Partner/).fill(TEST_PARTNERS.email);
    await report.getByLabel('How the answer came').selectOption('email');
    await report.getByLabel('Checkpoint').selectOption('month-1');
    // By id: "Housing" is also one of the support she received.
    for (const area of ['housing', 'livelihood', 'health', 'family', 'legalStatus']) await report.locator(`#f-followUpReported-${area}`).selectOption('adequate');
    await submit(page, report.getByRole('button'));
    // An area left out: the problem stands beside the first area, and nothing is recorded.
    expect(await textOf(page.locator('#f-followUpReported-housing-error'))).toContain('situation per area');
    expect((await status()).checkpoints.find((c) => c.name === 'month-1')?.state).not.toBe('received');
    const retry = page.locator('#f-followUpReported');
    await retry.getByLabel(/^Partner/).fill(TEST_PARTNERS.email);
    await retry.getByLabel('How the answer came').selectOption('email');
    await retry.getByLabel('Checkpoint').selectOption('month-1');
    for (const area of ['housing', 'livelihood', 'health', 'family', 'legalStatus']) await retry.locator(`#f-followUpReported-${area}`).selectOption('adequate');
    await retry.locator('#f-followUpReported-safety').selectOption('fragile');
    await retry.getByLabel('The partner saw her in person').check();
    await retry.locator('#f-followUpReported-supportReceived-housing').check();
    await submit(page, retry.getByRole('button'));
    expect(await textOf(page.getByRole('status'))).toContain('Recorded');
    const reported = (await status()).checkpoints.find((c) => c.name === 'month-1');
    expect(reported).toMatchObject({ state: 'received', report: { situation: { safety: 'fragile', housing: 'adequate' }, seenInPerson: true, supportReceived: ['housing'], source: { via: 'email' } } });
    expect((await status()).handover).toMatchObject({ where: 'airport' });
    await expectAccessible(page, 'programme page in follow-up');

    // The partner's mail also says a creditor called her: she raises the concern, which alerts the supervisor.
    const concern = page.locator('#f-concernRaised');
    await concern.getByLabel('Concern', { exact: true }).selectOption('creditor-contact');
    await submit(page, concern.getByRole('button'));
    expect(await textOf(page.getByRole('status'))).toContain('Recorded');
    await waitForStatus(handle, (s) => s.escalations.length === 1, { what: 'the concern escalated' });

    await page.goto(`${desk.url}/`);
    expect(await textOf(page.locator('table[data-section="all"]'))).toContain(caseRef);
    await shot(page, 'caseload');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'desk-session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(JSON.stringify(cookies)).not.toContain(CANARY);
    await context.close();
  });

  it("a caseworker counts a declined offer, and a child's case waits for its guardian and best-interests assessment", async () => {
    const { context, page } = await fresh();
    await signIn(page, desk, DESK_STAFF.caseworker, '/programmes/new');
    await submit(page, page.getByRole('button', { name: 'English' }));
    const declined = page.locator('#declined-form');
    const offerCase = uniqueCaseRef('CMM');
    await declined.getByLabel('Case reference').fill(offerCase);
    await declined.getByLabel(/Country of return/).fill('RO');
    await declined.getByLabel('The day she declined').fill(new Date().toISOString().slice(0, 10));
    await submit(page, declined.getByRole('button'));
    expect(await textOf(page.locator('#declined-reason-error'))).toContain('expected prefers-to-stay');
    await page.locator('#declined-form').getByLabel('Reason').selectOption('fear-of-reprisals');
    await submit(page, page.locator('#declined-form').getByRole('button'));
    expect(await textOf(page.getByRole('status'))).toContain(`The declined offer for ${offerCase} is recorded`);
    await expectAccessible(page, 'open form after a declined offer');

    const child = uniqueCaseRef('CMM');
    const openForm = page.locator('#open-form');
    await openForm.getByLabel('Case reference').fill(child);
    await openForm.getByLabel(/Country of return/).fill('RO');
    await openForm.getByLabel('Date of the victim assessment').fill(new Date().toISOString().slice(0, 10));
    for (const scope of ['participation', 'sharing', 'follow-up']) await page.locator(`#open-consent-${scope}`).check();
    await openForm.getByLabel('Age band (optional)').selectOption('under-18');
    await submit(page, openForm.getByRole('button'));
    expect(page.url()).toMatch(new RegExp(`/programmes/${child}`));
    expect(await textOf(page.locator('[data-field="profile"]'))).toBe('Under 18, a child');
    expect(await textOf(page.locator('[data-field="childSafeguards"]'))).toContain('not recorded');

    const assessment = page.locator('#f-recordAssessment');
    await assessment.getByLabel('Risk level').selectOption('high');
    await page.locator('#f-recordAssessment-needs-protection').check();
    await submit(page, assessment.getByRole('button'));
    expect(await textOf(page.locator('[data-field="waiting"]'))).toContain("A child's guardian and a best-interests assessment");

    const today = new Date().toISOString().slice(0, 10);
    await page.locator('#f-recordGuardian').getByLabel('Appointed by').selectOption('family-court-agency');
    await page.locator('#f-recordGuardian').getByLabel('When the guardian was appointed').fill(today);
    await submit(page, page.locator('#f-recordGuardian').getByRole('button'));
    await page.locator('#f-recordBestInterests').getByLabel('Conclusion').selectOption('return-in-best-interests');
    await page.locator('#f-recordBestInterests').getByLabel('When it was assessed').fill(today);
    await submit(page, page.locator('#f-recordBestInterests').getByRole('button'));
    expect(await textOf(page.locator('[data-field="childSafeguards"]'))).toContain("The return is in the child's best interests");
    const handle = env.client.workflow.getHandle(programmeWorkflowId(child));
    await waitForStatus(handle, (s) => s.referral.candidates.some((c) => c.state === 'asked'), { what: "the child's referral" });
    await page.reload();
    await expectAccessible(page, "a child's programme");
    await shot(page, 'programme-child');
    await handle.executeUpdate('cancel', { args: [{ by: DESK_STAFF.caseworker, reason: 'opened-in-error' }] });
    await context.close();
  });

  it('a caseworker of another team gets the same answer as for a case that does not exist', async () => {
    const { context, page } = await fresh();
    await signIn(page, desk, DESK_STAFF.otherTeam);
    // Her caseload holds her team's programmes (other test files open some for her), never this one.
    expect(await page.locator('main').innerText()).not.toContain(caseRef);
    const foreign = await page.goto(`${desk.url}/programmes/${caseRef}`);
    const foreignBody = await page.locator('main').innerText();
    const unknown = await page.goto(`${desk.url}/programmes/NONE-2026-000001`);
    const unknownBody = await page.locator('main').innerText();
    expect(foreign?.status()).toBe(404);
    expect(unknown?.status()).toBe(404);
    expect(foreignBody).toBe(unknownBody);
    expect(await page.content()).not.toContain(CANARY);
    await expectAccessible(page, 'not found');
    await context.close();
  });

  it('a form without its CSRF token changes nothing, and signing out ends the session', async () => {
    const { context, page } = await fresh();
    await signIn(page, desk, DESK_STAFF.caseworker, `/programmes/${caseRef}`);
    const before = (await status()).timeline.length;
    const answer = await context.request.post(`${desk.url}/programmes/${caseRef}/concernRaised`, { form: { kind: 'threats' }, maxRedirects: 0 });
    expect(answer.status()).toBe(403);
    const forged = await context.request.post(`${desk.url}/programmes/${caseRef}/concernRaised`, { form: { kind: 'threats', _csrf: 'forged-token' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect((await status()).timeline.length).toBe(before);

    // Signing out ends the session here and at the identity provider.
    await submit(page, page.getByRole('button', { name: /Log ud|Sign out/ }));
    expect(page.url()).toContain(desk.issuer);
    await expectAccessible(page, 'provider sign-out');
    await submit(page, page.getByRole('button', { name: 'Sign out' }));
    expect(page.url()).toBe(`${desk.url}/signed-out`);
    await expectAccessible(page, 'signed out');
    await page.goto(`${desk.url}/programmes/${caseRef}`);
    expect(page.url()).toContain('/login');
    await context.close();
  });

  it('a supervisor requests the erasure and the data protection officer approves it', async () => {
    const supervisor = await fresh();
    await signIn(supervisor.page, desk, DESK_STAFF.supervisor, `/programmes/${caseRef}`);
    // Supervisors read every programme; they do not steer it (they may reassign it and act on its escalations).
    expect(await textOf(supervisor.page.locator('[data-field="stage"]'))).toContain('follow-up');
    expect(await supervisor.page.locator('#f-planTravel').count()).toBe(0);
    // She acknowledges the escalation beside it, saying what will be done, and gives the programme to a colleague of its caseworker.
    await supervisor.page.locator('#f-acknowledgeEscalation-1-action').selectOption('contact-partner');
    await submit(supervisor.page, supervisor.page.locator('#f-acknowledgeEscalation-1').getByRole('button'));
    expect((await status()).escalations[0]!.acknowledged).toMatchObject({ by: `supervisor:${DESK_STAFF.supervisor}`, action: 'contact-partner' });
    await supervisor.page.locator('#f-reassignProgramme-caseworkerId').fill(DESK_STAFF.teammate);
    await submit(supervisor.page, supervisor.page.locator('#f-reassignProgramme').getByRole('button'));
    expect((await status()).caseworkerId).toBe(DESK_STAFF.teammate);
    expect(await textOf(supervisor.page.locator('[data-field="timeline"]'))).toContain(`supervisor:${DESK_STAFF.supervisor}`);
    await expectAccessible(supervisor.page, 'programme page (supervisor)');
    await shot(supervisor.page, 'programme-supervisor');
    await supervisor.page.goto(`${desk.url}/erasure`);
    await supervisor.page.getByLabel('Sagsnummer').fill(caseRef);
    await supervisor.page.getByLabel('Begrundelse').selectOption('data-subject-request');
    await supervisor.page.getByLabel(/Afslut forløbet/).check();
    await submit(supervisor.page, supervisor.page.getByRole('button', { name: 'Anmod om sletning' }));
    expect(await textOf(supervisor.page.getByRole('status'))).toContain(caseRef);
    await expectAccessible(supervisor.page, 'erasure (supervisor)');
    // She cannot decide her own request.
    expect(await supervisor.page.getByRole('button', { name: /Godkend/ }).count()).toBe(0);

    const dpo = await fresh();
    await signIn(dpo.page, desk, DESK_STAFF.dpo);
    expect(dpo.page.url()).toMatch(/\/erasure/);
    await expectAccessible(dpo.page, 'erasure (data protection officer)');
    await shot(dpo.page, 'erasure');
    // The officer opens no programme page.
    expect((await dpo.page.goto(`${desk.url}/programmes/${caseRef}`))?.status()).toBe(403);
    await dpo.page.goto(`${desk.url}/erasure`);
    await submit(dpo.page, dpo.page.getByRole('button', { name: `Godkend og slet ${caseRef}` }));
    expect(await textOf(dpo.page.locator(`tr:has-text("${caseRef}")`))).toContain('slettet');
    // The key is gone at once: for everyone, the case is now one that does not exist. The server
    // deletes the runs in the background; the programme has stopped meanwhile.
    expect((await supervisor.page.goto(`${desk.url}/programmes/${caseRef}`))?.status()).toBe(404);
    expect(await programmeStopped()).toBe(true);

    // Both read the audit trail: every read and write, by whom; no name of hers.
    await dpo.page.goto(`${desk.url}/audit?caseRef=${caseRef}`);
    const trail = await dpo.page.locator('table[data-audit]').innerText();
    for (const action of ['programme.open', 'command.record-assessment', 'command.plan-travel', 'event.departure-confirmed', 'programme.read', 'erasure.request', 'erasure.approve']) {
      expect(trail).toContain(action);
    }
    expect(trail).toContain(DESK_STAFF.otherTeam);
    expect(trail).not.toContain(CANARY);
    await expectAccessible(dpo.page, 'audit trail');
    await shot(dpo.page, 'audit');
    await supervisor.context.close();
    await dpo.context.close();

    const analyst = await fresh();
    await signIn(analyst.page, desk, DESK_STAFF.analyst);
    expect(analyst.page.url()).toMatch(/\/report/);
    // The report itself in the page's language: Danish by default.
    const reportBody = analyst.page.locator('section.report-body');
    expect(await reportBody.getAttribute('lang')).toBe('da');
    expect(await textOf(reportBody.getByRole('heading', { level: 2 }))).toMatch(/^Forberedt hjemrejse: statusrapport \d{4}$/);
    expect(await reportBody.innerText()).toContain('Programmer åbnet, efter udfald');
    await expectAccessible(analyst.page, 'annual report');
    await shot(analyst.page, 'report');
    await analyst.context.close();
  });

  it('nothing of hers in the logs of the app or its audit trail', async () => {
    const audit = JSON.stringify(await desk.web.audit.read({ caseRef }));
    expect(audit).toContain('erasure.approve');
    expect(audit).not.toContain(CANARY);
    const logs = desk.logs();
    expect(logs).toContain('"statusCode":200');
    for (const canary of [CANARY, 'Canarescu', 'Ioana']) expect(logs).not.toContain(canary);
  });
});

describe('session expiry', () => {
  it('a session idle past its limit ends, and the next page asks her to sign in again', async () => {
    const short = await startTestDesk({ taskQueue, settings: { PR_WEB_SESSION_IDLE: '2' } });
    try {
      const { context, page } = await fresh();
      await signIn(page, short, DESK_STAFF.caseworker);
      expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Mine sager');
      await new Promise((resolve) => setTimeout(resolve, 3500));
      await page.reload();
      expect(page.url()).toMatch(/\/login\?expired=1/);
      expect(await textOf(page.getByRole('status'))).toContain('Din session er udløbet');
      await context.close();
    } finally {
      await short.stop();
    }
  });
});
