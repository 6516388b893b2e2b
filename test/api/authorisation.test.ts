/**
 * The web app's authorisation matrix, through the JSON API: every route, asked by every role with
 * her own access token, for a programme of her own, her team's, another team's and one that does
 * not exist. A programme out of reach answers exactly like one that does not exist (status and
 * body). Bodies sent here are invalid on purpose, so an allowed request stops at validation (422,
 * problems by field) and changes nothing. The OpenAPI document lists every route asked here.
 */
import { describe, expect, it } from 'vitest';
import type { ProgrammeStatus } from '../../domain/status.js';
import { COMMAND_NAMES } from '../../web/commands.js';
import { API_ERRORS } from '../../web/api/errors.js';
import { DESK_STAFF } from '../support/desk.js';
import { authorisationMatrix, ROLES, type Role } from '../support/authorisationMatrix.js';
import { accessTokenFor, api } from '../support/accessTokens.js';

const tokens = {} as Record<Role, string>;
const { stage, teamA, teamB, unknown, isCaseworker, reaches, maySend } = authorisationMatrix('API', async ({ desk }) => {
  for (const role of ROLES) tokens[role] = await accessTokenFor(desk, DESK_STAFF[role]);
});
const INVALID = { at: 'not-a-date', until: 'not-a-date', date: 'not-a-date', supportMonths: 'many', riskLevel: 'unheard-of' };
const as = (role: Role, method: 'GET' | 'POST', path: string, body?: unknown) => api(stage.desk, tokens[role], method, path, body);
/** Status and error code; every error answer carries its code from the one list. */
async function answer(role: Role, method: 'GET' | 'POST', path: string, body?: unknown): Promise<[number, string | undefined]> {
  const a = await as(role, method, path, body);
  if (a.status >= 400) expect(Object.keys(API_ERRORS), `${role} ${method} ${path}`).toContain(a.body.error);
  return [a.status, a.body.error];
}

describe('authorisation matrix through the JSON API', () => {
  it.each(ROLES)('routes without a programme, as %s', async (role) => {
    const staff = isCaseworker(role) || role === 'supervisor';
    expect(await answer(role, 'GET', '/caseload?scope=team')).toEqual(staff ? [200, undefined] : [403, 'not-in-role']);
    expect(await answer(role, 'POST', '/programmes', { caseRef: 'bad' })).toEqual(isCaseworker(role) ? [422, 'invalid'] : [403, 'not-in-role']);
    expect(await answer(role, 'GET', `/report?year=${new Date().getFullYear()}`)).toEqual(['analyst', 'supervisor', 'dpo'].includes(role) ? [200, undefined] : [403, 'not-in-role']);
    expect(await answer(role, 'POST', '/declined-offers', { caseRef: 'bad', homeCountry: 'RO', declinedOn: '2026-11-02', reason: 'whim' })).toEqual(
      isCaseworker(role) ? [422, 'invalid'] : [403, 'not-in-role'],
    );
    expect(await answer(role, 'GET', '/erasure-requests')).toEqual(['supervisor', 'dpo'].includes(role) ? [200, undefined] : [403, 'not-in-role']);
    expect(await answer(role, 'POST', '/erasure-requests', { caseRef: 'bad', reason: 'whim' })).toEqual(role === 'supervisor' ? [422, 'invalid'] : [403, 'not-in-role']);
    expect(await answer(role, 'POST', '/erasure-requests', { caseRef: unknown, reason: 'other' })).toEqual(role === 'supervisor' ? [404, 'not-found'] : [403, 'not-in-role']);
    for (const decision of ['approve', 'reject']) {
      expect(await answer(role, 'POST', `/erasure-requests/er-00000000-0000-0000-0000-000000000000/${decision}`, {})).toEqual(role === 'dpo' ? [404, 'not-found'] : [403, 'not-in-role']);
    }
    expect(await answer(role, 'GET', '/audit')).toEqual(['supervisor', 'dpo'].includes(role) ? [200, undefined] : [403, 'not-in-role']);
  });

  it.each(ROLES)('programmes and every command, as %s, for her own, her team, another team and no programme', async (role) => {
    const unknownRead = await as(role, 'GET', `/programmes/${unknown}`);
    for (const caseRef of [teamA, teamB, unknown]) {
      const read = await as(role, 'GET', `/programmes/${caseRef}`);
      if (!isCaseworker(role) && role !== 'supervisor') {
        expect([read.status, read.body.error], `${role} reads ${caseRef}`).toEqual([403, 'not-in-role']);
      } else if (reaches(role, caseRef)) {
        expect(read.status, `${role} reads ${caseRef}`).toBe(200);
        expect((read.body.status as ProgrammeStatus).caseRef).toBe(caseRef);
      } else {
        expect([read.status, read.body], `${role} reads ${caseRef}`).toEqual([404, unknownRead.body]);
      }
      for (const command of COMMAND_NAMES) {
        const sent = await as(role, 'POST', `/programmes/${caseRef}/${command}`, INVALID);
        const expected = !maySend(role, command) ? 403 : reaches(role, caseRef) ? 422 : 404;
        expect(sent.status, `${role} sends ${command} to ${caseRef}`).toBe(expected);
        if (expected === 404) expect(sent.body).toEqual(unknownRead.body);
        if (expected === 422) expect((sent.body.problems as unknown[]).length, `${role} ${command}`).toBeGreaterThan(0);
      }
    }
  });

  it('a command is sent as the token\'s user, whatever the body says; a refusal names its field', async () => {
    const sent = await as('teammate', 'POST', `/programmes/${teamA}/recordAssessment`, { riskLevel: 'low', needs: ['housing'], by: DESK_STAFF.caseworker });
    expect(sent.status).toBe(200);
    const status = await stage.env.client.workflow.getHandle(`return-programme-${teamA}`).query<ProgrammeStatus>('status');
    expect(status.timeline.find((e) => e.kind === 'recordAssessment')?.by).toBe(`caseworker:${DESK_STAFF.teammate}`);
    const bad = await as('caseworker', 'POST', `/programmes/${teamA}/planTravel`, { date: 'not-a-date', destination: 'Lagos', meetingPoint: 'Airport' });
    expect(bad.status).toBe(422);
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'date' })]));
    const other = await stage.env.client.workflow.getHandle(`return-programme-${teamB}`).query<ProgrammeStatus>('status');
    expect(other.timeline.filter((e) => e.by.startsWith('caseworker:'))).toEqual([]);
  });

  it('a mistaken event is corrected by its timeline number: kept, marked corrected, no longer counted', async () => {
    const raised = await as('caseworker', 'POST', `/programmes/${teamA}/concernRaised`, { kind: 'other' });
    expect(raised.status).toBe(200);
    const handle = stage.env.client.workflow.getHandle(`return-programme-${teamA}`);
    const before = await handle.query<ProgrammeStatus>('status');
    const seq = before.timeline.find((e) => e.kind === 'concernRaised' && e.result === 'recorded')!.seq;
    expect((await as('caseworker', 'POST', `/programmes/${teamA}/correctEvent`, { seq, reason: 'unheard-of' })).status).toBe(422);
    const corrected = await as('caseworker', 'POST', `/programmes/${teamA}/correctEvent`, { seq, reason: 'did-not-happen' });
    expect(corrected.status).toBe(200);
    const after = await handle.query<ProgrammeStatus>('status');
    expect(after.timeline.some((e) => e.seq === seq)).toBe(true);
    expect(after.concerns.find((c) => c.kind === 'other')?.correctedAt).toBeDefined();
    expect(after.corrections).toEqual([expect.objectContaining({ seq, reason: 'did-not-happen' })]);
  });

  it('the audit trail records API reads and refusals with the identity of who asked', async () => {
    const entries = await stage.desk.web.audit.read({ caseRef: teamB });
    expect(entries.some((e) => e.actor === DESK_STAFF.caseworker && e.action === 'programme.read' && e.result === 'denied')).toBe(true);
    expect(entries.some((e) => e.actor === DESK_STAFF.otherTeam && e.action === 'programme.read' && e.result === 'done')).toBe(true);
    const own = await stage.desk.web.audit.read({ caseRef: teamA });
    expect(own.some((e) => e.actor === DESK_STAFF.teammate && e.action === 'command.record-assessment' && e.result === 'done')).toBe(true);
  });

  it('the OpenAPI document, public, lists every route and command asked here', async () => {
    const doc = await api(stage.desk, undefined, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths as object);
    for (const path of ['/me', '/caseload', '/programmes', '/programmes/{caseRef}', '/report', '/erasure-requests', '/erasure-requests/{id}/{decision}', '/declined-offers', '/audit']) expect(paths).toContain(path);
    for (const command of COMMAND_NAMES) expect(paths).toContain(`/programmes/{caseRef}/${command}`);
    // The actor is never a field of a body.
    const schemas = (doc.body.components as { schemas: Record<string, { properties?: Record<string, unknown> }> }).schemas;
    expect(Object.keys(schemas.RecordAssessment?.properties ?? {})).not.toContain('by');
    expect(Object.keys(schemas.RecordAssessment?.properties ?? {})).toContain('riskLevel');
  });
});
