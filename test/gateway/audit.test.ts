/**
 * The gateway's audit trail: every answer to an authenticated partner is in the audit log, under
 * the programme's pseudonym, before it is sent; when the log cannot be written the partner gets a
 * 503 and its retry of the same request is recorded once by the programme.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { TemporalProgrammes } from '../../gateway/programmes.js';
import { readAudit } from '../../store/auditLog.js';
import type { AuditTrail } from '../../store/auditTrail.js';
import { programmePseudonym } from '../../store/pseudonym.js';
import { partnerAsked, recordAssessment } from '../support/drive.js';
import { runAuditTrail, useDatabase } from '../support/database.js';
import { useHarness } from '../support/harness.js';
import { CLIENTS, listeningGateway, post, sampleData, signedEvent, testClients, type TestClients } from '../support/gateway.js';
import { waitForStatus } from '../support/programmes.js';
import { uniqueCaseRef } from '../support/temporal.js';

const h = useHarness();
const store = useDatabase();
let keys: TestClients;
let gateway: { app: FastifyInstance; url: string };
/** The audit log can be made to fail, as when the database is away. */
let databaseAway = false;
const flakyTrail: AuditTrail = {
  record: (event) => (databaseAway ? Promise.reject(new Error('connect ECONNREFUSED')) : runAuditTrail().record(event)),
};

beforeAll(async () => {
  keys = testClients();
  gateway = await listeningGateway({ clients: keys.clients, programmes: new TemporalProgrammes(h.env.client), audit: flakyTrail });
});
afterAll(async () => {
  await gateway?.app.close();
});

describe('the gateway audit trail', () => {
  it('records who sent which event for which programme and what came of it; no audit, no answer but 503', async () => {
    await h.run({}, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, CLIENTS.asked);
      const programme = programmePseudonym(store.pseudonymKey, caseRef);
      const secret = keys.secrets[CLIENTS.asked]!;

      const ack = signedEvent(CLIENTS.asked, secret, 'referral.acknowledged', sampleData('referral.acknowledged', caseRef));
      expect((await post(gateway.url, ack)).status).toBe(202);
      // A partner with no business with the case: the same 404 as for a case that does not exist, audited as such.
      const stranger = signedEvent(CLIENTS.second, keys.secrets[CLIENTS.second]!, 'concern.raised', sampleData('concern.raised', caseRef));
      expect((await post(gateway.url, stranger)).status).toBe(404);

      databaseAway = true;
      const answer = signedEvent(CLIENTS.asked, secret, 'referral.answered', sampleData('referral.answered', caseRef));
      const during = await post(gateway.url, answer);
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBeTruthy();
      databaseAway = false;
      const retry = signedEvent(CLIENTS.asked, secret, '', {}, { webhookId: answer.headers['webhook-id']!, body: answer.body, at: new Date(Date.now() + 1000) });
      const after = await post(gateway.url, retry);
      expect(after.status).toBe(202);
      const status = await waitForStatus(handle, (s) => s.timeline.some((e) => e.eventId === after.body.eventId), { what: 'the answer' });
      expect(status.timeline.filter((e) => e.kind === 'referralAnswered')).toHaveLength(1);

      const rows = await readAudit(store.db, { programme });
      expect(rows.map((r) => [r.actor, r.role, r.action, r.result]).reverse()).toEqual([
        [CLIENTS.asked, 'partner', 'referral.acknowledged', 'done'],
        [CLIENTS.second, 'partner', 'concern.raised', 'not-found'],
        [CLIENTS.asked, 'partner', 'referral.answered', 'done'],
      ]);
      // An unknown case is audited under its own pseudonym, and a body that is no event under none.
      const unknown = uniqueCaseRef();
      expect((await post(gateway.url, signedEvent(CLIENTS.asked, secret, 'handover.confirmed', sampleData('handover.confirmed', unknown)))).status).toBe(404);
      expect((await readAudit(store.db, { programme: programmePseudonym(store.pseudonymKey, unknown) })).map((r) => r.result)).toEqual(['not-found']);
    });
  });
});
