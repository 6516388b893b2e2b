/**
 * The authorisation matrix: every route of the desk, asked by every role, for a programme of her
 * own, her team's, another team's and one that does not exist, through the real sign-in. A programme
 * out of reach answers exactly like one that does not exist (status and page). Forms sent here are
 * invalid on purpose, so an allowed request stops at validation (422) and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Escalated } from '../../domain/searchAttributes.js';
import type { ProgrammeStatus } from '../../domain/status.js';
import { COMMAND_NAMES } from '../../web/commands.js';
import { DESK_STAFF } from '../support/desk.js';
import { authorisationMatrix, ROLES, type Role } from '../support/authorisationMatrix.js';
import { SignedInClient } from '../support/signedInClient.js';
import { runStore } from '../support/database.js';
import { uniqueCaseRef } from '../support/temporal.js';
import { readWholeLedger } from '../../store/ledger.js';
import { pseudonym } from '../../store/pseudonym.js';

const clients = {} as Record<Role, SignedInClient>;
const { stage, teamA, teamB, unknown, isCaseworker, reaches, maySend } = authorisationMatrix('MTX', async ({ desk }) => {
  for (const role of ROLES) clients[role] = await new SignedInClient(desk).signIn(DESK_STAFF[role]);
});
const INVALID = { at: 'not-a-date', until: 'not-a-date', date: 'not-a-date', supportMonths: 'many' };
/**
 * The page without its per-render CSRF token and with the case reference she asked for (the page
 * echoes her own URL in its language switch) made neutral, for "exactly the same answer" comparisons.
 */
const page = (body: string, caseRef: string) => body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf"').replaceAll(caseRef, '<case>');

async function post(role: Role, path: string, form: Record<string, string | string[]> = {}) {
  const client = clients[role];
  return client.request('POST', path, { ...form, _csrf: await client.csrf() });
}

describe('authorisation matrix', () => {
  it.each(ROLES)('pages without a programme, as %s', async (role) => {
    const c = clients[role];
    const home = await c.request('GET', '/');
    if (isCaseworker(role) || role === 'supervisor') expect(home.status).toBe(200);
    else expect([home.status, home.location]).toEqual([303, role === 'dpo' ? '/erasure' : '/report']);

    expect((await c.request('GET', '/programmes/new')).status).toBe(isCaseworker(role) ? 200 : 403);
    expect((await post(role, '/programmes', { caseRef: 'bad' })).status).toBe(isCaseworker(role) ? 422 : 403);
    const declined = await post(role, '/declined-offers', { caseRef: 'bad', homeCountry: 'RO', declinedOn: 'today', reason: 'whim' });
    expect(declined.status).toBe(isCaseworker(role) ? 422 : 403);
    if (isCaseworker(role)) expect(declined.body).toContain('id="declined-reason-error"');
    expect((await c.request('GET', `/report?year=${new Date().getFullYear()}`)).status).toBe(['analyst', 'supervisor', 'dpo'].includes(role) ? 200 : 403);
    expect((await c.request('GET', '/erasure')).status).toBe(['supervisor', 'dpo'].includes(role) ? 200 : 403);
    expect((await post(role, '/erasure', { caseRef: 'bad' })).status).toBe(role === 'supervisor' ? 422 : 403);
    const unknownErasure = await post(role, '/erasure', { caseRef: unknown, reason: 'other' });
    expect(unknownErasure.status).toBe(role === 'supervisor' ? 404 : 403);
    if (role === 'supervisor') expect(unknownErasure.body).toContain('id="erase-caseRef-error"');
    expect((await post(role, '/erasure/er-00000000-0000-0000-0000-000000000000/approve')).status).toBe(role === 'dpo' ? 404 : 403);
    expect((await post(role, '/erasure/er-00000000-0000-0000-0000-000000000000/reject')).status).toBe(role === 'dpo' ? 404 : 403);
    expect((await c.request('GET', '/audit')).status).toBe(['supervisor', 'dpo'].includes(role) ? 200 : 403);
  });

  it.each(ROLES)('programme pages and every command, as %s, for her own, her team, another team and no programme', async (role) => {
    const c = clients[role];
    const unknownPage = await c.request('GET', `/programmes/${unknown}`);
    for (const caseRef of [teamA, teamB, unknown]) {
      const read = await c.request('GET', `/programmes/${caseRef}`);
      if (!isCaseworker(role) && role !== 'supervisor') {
        expect(read.status, `${role} reads ${caseRef}`).toBe(403);
      } else if (reaches(role, caseRef)) {
        expect(read.status, `${role} reads ${caseRef}`).toBe(200);
        expect(read.body).toContain(caseRef);
      } else {
        expect(read.status, `${role} reads ${caseRef}`).toBe(404);
        expect(page(read.body, caseRef)).toBe(page(unknownPage.body, unknown));
      }
      for (const command of COMMAND_NAMES) {
        const sent = await post(role, `/programmes/${caseRef}/${command}`, INVALID);
        const expected = !maySend(role, command) ? 403 : reaches(role, caseRef) ? 422 : 404;
        expect(sent.status, `${role} sends ${command} to ${caseRef}`).toBe(expected);
        if (expected === 404) expect(page(sent.body, caseRef)).toBe(page(unknownPage.body, unknown).replace('/programmes/<case>', `/programmes/<case>/${command}`));
      }
    }
  });

  it('nobody signed in is sent to sign in, from every page', async () => {
    const anonymous = new SignedInClient(stage.desk);
    for (const path of ['/', '/programmes/new', `/programmes/${teamA}`, '/report', '/erasure', '/audit']) {
      const answer = await anonymous.request('GET', path);
      expect([answer.status, answer.location?.startsWith('/login')], path).toEqual([303, true]);
      expect(answer.body).not.toContain(teamA);
    }
    const posted = await anonymous.request('POST', `/programmes/${teamA}/concernRaised`, { kind: 'threats', _csrf: await anonymous.csrf() });
    expect(posted.status).toBe(303);
    expect((await anonymous.request('GET', '/health')).status).toBe(200);
    expect((await anonymous.request('GET', '/metrics')).body).toContain('desk_http_requests_total');
  });

  it('every command carries the signed-in user, whatever the form says', async () => {
    const sent = await post('teammate', `/programmes/${teamA}/recordAssessment`, { riskLevel: 'low', needs: ['housing'], by: DESK_STAFF.caseworker, sender: 'cw-test' });
    expect(sent.status).toBe(303);
    const status = await stage.env.client.workflow.getHandle(`return-programme-${teamA}`).query<ProgrammeStatus>('status');
    expect(status.timeline.find((e) => e.kind === 'recordAssessment')?.by).toBe(`caseworker:${DESK_STAFF.teammate}`);
    // Nothing the matrix sent reached the other programme.
    const other = await stage.env.client.workflow.getHandle(`return-programme-${teamB}`).query<ProgrammeStatus>('status');
    expect(other.timeline.filter((e) => e.by.startsWith('caseworker:'))).toEqual([]);
  });

  it('a caseworker counts a declined offer once, in the ledger under a pseudonym; the audit trail names her', async () => {
    const caseRef = uniqueCaseRef('CMM');
    const form = { caseRef, homeCountry: 'RO', declinedOn: '2026-11-02', reason: 'fear-of-reprisals', sex: 'male', ageBand: '18-24' };
    const first = await post('caseworker', '/declined-offers', form);
    expect([first.status, first.location]).toEqual([303, `/programmes/new?declined=${caseRef}&written=yes#declined`]);
    const again = await post('caseworker', '/declined-offers', form);
    expect(again.location).toContain('written=no');
    expect((await clients.caseworker.request('GET', again.location!.replace('#declined', ''))).body).toContain(`Et afslag i sag ${caseRef} var allerede registreret`);

    const store = runStore();
    const { records } = await readWholeLedger(store.db);
    const mine = records.filter((r) => r.casePseudonym === pseudonym(store.pseudonymKey, 'ledger', caseRef));
    expect(mine.map((r) => [r.milestone, r.month, r.homeCountry, r.sex, r.ageBand, r.code])).toEqual([['offer-declined', '2026-11', 'RO', 'male', '18-24', 'fear-of-reprisals']]);
    expect(JSON.stringify(records)).not.toContain(caseRef);
    const entries = await stage.desk.web.audit.read({ caseRef });
    expect(entries.filter((e) => e.action === 'declined-offer.record').map((e) => [e.actor, e.result])).toEqual([
      [DESK_STAFF.caseworker, 'done'],
      [DESK_STAFF.caseworker, 'done'],
    ]);
  });

  it('the audit trail records the refusals, with the identity of who asked', async () => {
    const entries = await stage.desk.web.audit.read({ caseRef: teamB });
    expect(entries.some((e) => e.actor === DESK_STAFF.caseworker && e.action === 'programme.read' && e.result === 'denied')).toBe(true);
    expect(entries.some((e) => e.actor === DESK_STAFF.otherTeam && e.action === 'programme.read' && e.result === 'done')).toBe(true);
    const none = await stage.desk.web.audit.read({ caseRef: unknown });
    expect(none.some((e) => e.result === 'not-found')).toBe(true);
  });
  it('a supervisor acknowledges and resolves an escalation beside it on the programme page; the forms are hers alone', async () => {
    expect((await post('caseworker', `/programmes/${teamA}/concernRaised`, { kind: 'threats' })).status).toBe(303);
    const handle = stage.env.client.workflow.getHandle(`return-programme-${teamA}`);
    const escalation = async () => (await handle.query<ProgrammeStatus>('status')).escalations.find((e) => e.topic === 'concern-raised');
    const id = (await escalation())!.id;
    const form = `id="f-acknowledgeEscalation-${id}"`;
    expect((await clients.supervisor.request('GET', `/programmes/${teamA}`)).body).toContain(form);
    const caseworkerPage = (await clients.caseworker.request('GET', `/programmes/${teamA}`)).body;
    expect(caseworkerPage).not.toContain(form);
    // Hers are the concern's forms instead.
    expect(caseworkerPage).toContain('id="f-recordConcernAction-1"');

    // A refusal about the escalation is said above its form, naming no field she cannot see.
    const wrong = await post('supervisor', `/programmes/${teamA}/acknowledgeEscalation`, { escalationId: '99', action: 'contact-partner' });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toContain('escalationId: there is no escalation 99');

    expect((await post('supervisor', `/programmes/${teamA}/acknowledgeEscalation`, { escalationId: String(id), action: 'contact-partner', by: DESK_STAFF.caseworker, role: 'caseworker' })).status).toBe(303);
    expect((await escalation())!.acknowledged).toMatchObject({ by: `supervisor:${DESK_STAFF.supervisor}`, action: 'contact-partner' });
    const page = (await clients.supervisor.request('GET', `/programmes/${teamA}`)).body;
    expect(page).toContain(`kvitteret af supervisor:${DESK_STAFF.supervisor}`);
    expect(page).not.toContain(form);
    expect(page).toContain(`id="f-resolveEscalation-${id}"`);

    expect((await post('supervisor', `/programmes/${teamA}/resolveEscalation`, { escalationId: String(id), resolution: 'risk-reduced' })).status).toBe(303);
    expect((await escalation())!.resolution).toMatchObject({ by: `supervisor:${DESK_STAFF.supervisor}`, resolution: 'risk-reduced' });
    expect((await handle.describe()).typedSearchAttributes.get(Escalated)).toBe(false);
    expect((await clients.supervisor.request('GET', `/programmes/${teamA}`)).body).not.toContain(`id="f-resolveEscalation-${id}"`);
  });
});
