/**
 * Referral: nothing reaches a partner before consent to share; partners are asked in order; a
 * decline or silence moves on (silence after a reminder at half-window); when none is left the
 * supervisor is told, and a caseworker's assignment by hand resumes the referral.
 */
import { describe, expect, it } from 'vitest';
import { Escalated, PartnerOrg } from '../../domain/searchAttributes.js';
import * as M from '../../workflows/messages.js';
import { partnerAsked, partnerRequests, recordAssessment, refusal } from '../support/drive.js';
import { eventually, useHarness } from '../support/harness.js';
import { TEST_PARTNERS, TEST_STAFF } from '../support/peers.js';
import { consent, event, partner, waitForStatus, workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

describe('referral', () => {
  it('sends nothing about her to a partner before consent to share is recorded', async () => {
    const now = new Date().toISOString();
    await h.run({ consent: { participation: consent(now) } }, async (handle, caseRef) => {
      await recordAssessment(handle);
      // Preparation needs both the assessment and the consent: she stays in reflection.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const waiting = await handle.query(M.statusQuery);
      expect(waiting.stage).toBe('reflection');
      expect(h.peers.partner.requests.filter((r) => r.body.includes(caseRef))).toHaveLength(0);
      expect(h.mailFor(caseRef, { to: 'intake@partner.test' })).toHaveLength(0);

      await handle.executeUpdate(M.updates.recordConsent, { args: [{ scope: 'sharing', consent: consent() }] });
      await partnerAsked(handle, TEST_PARTNERS.api);
      // "Asked" can show before the request has reached the partner: wait for it to arrive.
      await eventually(() => partnerRequests(h.peers.partner, 'referral-request', caseRef), 'the referral request at the partner');
      expect(partnerRequests(h.peers.partner, 'referral-request', caseRef)).toHaveLength(1);
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'opened-in-error' }] });
      await handle.result();
    });
  });

  it('moves on after a decline and after silence, escalates when none is left, and resumes with a partner assigned by hand', async () => {
    await h.run({ policy: { referralResponseWindow: '4s' } }, async (handle, caseRef) => {
      await recordAssessment(handle);

      // 1. The API partner declines.
      await partnerAsked(handle, TEST_PARTNERS.api);
      expect(await refusal(handle.executeUpdate(M.updates.assignPartner, { args: [{ by: 'cw-test', partnerId: 'tst-other' }] }))).toMatch(
        /the referral is still running: tst-api-partner is asked/,
      );
      await handle.signal(M.signals.referralAnswered, event(partner(TEST_PARTNERS.api), { answer: 'decline' as const, declineReason: 'no-capacity' as const }));

      // 2. The e-mail partner is asked by mail, reminded at half-window, and stays silent.
      await partnerAsked(handle, TEST_PARTNERS.email);
      const mails = await eventually(() => h.mailFor(caseRef, { to: 'intake@partner.test' }).filter((m) => m.raw.includes('Content-Language: da')), 'referral mail');
      expect(mails.length).toBeGreaterThanOrEqual(1);
      await eventually(() => (h.mailFor(caseRef, { to: 'intake@partner.test' }).length >= 2 ? [true] : []), 'reminder mail at half-window');

      // 3. The second API partner is asked after the silence and declines too.
      const third = await partnerAsked(handle, TEST_PARTNERS.second);
      expect(third.referral.candidates.find((c) => c.partnerId === TEST_PARTNERS.email)?.state).toBe('no-answer');
      expect((await handle.describe()).typedSearchAttributes.get(PartnerOrg)).toBe(TEST_PARTNERS.second);
      await handle.signal(M.signals.referralAnswered, event(partner(TEST_PARTNERS.second), { answer: 'decline' as const }));

      // 4. None left: escalated to the supervisor.
      const exhausted = await waitForStatus(handle, (s) => s.referral.exhaustedAt !== null && s.escalated, { what: 'referral exhausted' });
      expect(exhausted.escalations.map((e) => e.topic)).toContain('referral-exhausted');
      expect((await handle.describe()).typedSearchAttributes.get(Escalated)).toBe(true);
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.supervisors[0], subject: 'No partner found' }), 'supervisor told');

      // 5. The caseworker assigns the first partner again by hand; the referral resumes and it accepts.
      await handle.executeUpdate(M.updates.assignPartner, { args: [{ by: 'cw-test', partnerId: TEST_PARTNERS.api }] });
      await partnerAsked(handle, TEST_PARTNERS.api);
      await handle.signal(M.signals.referralAnswered, event(partner(TEST_PARTNERS.api), { answer: 'accept' as const }));
      const accepted = await waitForStatus(handle, (s) => s.stage === 'travel', { what: 'travel stage' });
      expect(accepted.partner).toEqual({ id: TEST_PARTNERS.api, state: 'accepted' });
      expect(accepted.escalated).toBe(false);
      expect(accepted.referral.candidates.map((c) => [c.partnerId, c.state])).toEqual([
        [TEST_PARTNERS.api, 'accepted'],
        [TEST_PARTNERS.email, 'no-answer'],
        [TEST_PARTNERS.second, 'declined'],
      ]);
      // The silent partner was told its referral is withdrawn.
      expect(h.mailFor(caseRef, { to: 'intake@partner.test' }).length).toBe(3);

      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'transferred' }] });
      await handle.result();
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });

  it('escalates an undeliverable referral (partner API answers 422) and moves to the next partner', async () => {
    await h.run({}, async (handle, caseRef) => {
      h.peers.partner.answer({ status: 422, body: '{"error":"unprocessable"}', headers: { 'content-type': 'application/json' } });
      await recordAssessment(handle);
      const next = await partnerAsked(handle, TEST_PARTNERS.email);
      expect(next.referral.candidates[0]).toMatchObject({ partnerId: TEST_PARTNERS.api, state: 'undeliverable' });
      expect(next.escalations.map((e) => e.topic)).toContain('referral-undeliverable');
      expect(next.timeline.find((e) => e.kind === 'partnerUnreachable')?.detail).toMatchObject({ partnerId: TEST_PARTNERS.api, failure: expect.any(String) });
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.supervisors[0], subject: 'Referral could not be delivered' }), 'supervisor told');
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'transferred' }] });
      await handle.result();
    });
  });
});
