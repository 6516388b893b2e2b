/**
 * A child's case: no referral leaves before a guardian is recorded and a best-interests assessment
 * has found the return in the child's best interests; a partner assigned by hand is refused without
 * them; the referral tells the partner it is a child. Sex and age band reach the evaluation ledger.
 */
import { describe, expect, it } from 'vitest';
import * as M from '../../workflows/messages.js';
import { partnerAccepts, partnerAsked, partnerRequests, recordAssessment, refusal, travelIn } from '../support/drive.js';
import { eventually, useHarness } from '../support/harness.js';
import { TEST_PARTNERS } from '../support/peers.js';
import { waitForStatus } from '../support/programmes.js';

const h = useHarness();
const by = 'cw-test';

describe("a child's case", () => {
  it('waits for a guardian and a best-interests assessment for the return before any referral', async () => {
    await h.run({ profile: { sex: 'male', ageBand: 'under-18' } }, async (handle, caseRef) => {
      const opened = await handle.query(M.statusQuery);
      expect(opened.profile).toEqual({ sex: 'male', ageBand: 'under-18', child: true });
      expect(opened.childSafeguards).toEqual({ guardian: null, bestInterests: null });

      await recordAssessment(handle);
      const waiting = await waitForStatus(handle, (s) => s.timeline.some((e) => e.kind === 'referralWaitsForChildSafeguards'), { what: 'referral waiting' });
      expect(waiting.timeline.find((e) => e.kind === 'referralWaitsForChildSafeguards')?.detail?.missing).toEqual(['a guardian', 'a best-interests assessment']);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(partnerRequests(h.peers.partner, 'referral-request', caseRef)).toHaveLength(0);

      // An assessment against the return keeps the referral waiting.
      const against = await handle.executeUpdate(M.updates.recordBestInterests, { args: [{ by, assessedAt: new Date().toISOString(), conclusion: 'return-against-best-interests' }] });
      expect(against).toEqual({ conclusion: 'return-against-best-interests', referralMayStart: false });
      expect(await refusal(handle.executeUpdate(M.updates.recordGuardian, { args: [{ by, appointedAt: '2099-01-01T00:00:00Z', appointedBy: 'municipality' }] }))).toMatch(
        /appointedAt: must not be in the future/,
      );
      await handle.executeUpdate(M.updates.recordGuardian, { args: [{ by, appointedAt: new Date().toISOString(), appointedBy: 'family-court-agency' }] });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(partnerRequests(h.peers.partner, 'referral-request', caseRef)).toHaveLength(0);

      const inFavour = await handle.executeUpdate(M.updates.recordBestInterests, { args: [{ by, assessedAt: new Date().toISOString(), conclusion: 'return-in-best-interests' }] });
      expect(inFavour.referralMayStart).toBe(true);
      await partnerAsked(handle, TEST_PARTNERS.api);
      const [request] = await eventually(() => partnerRequests(h.peers.partner, 'referral-request', caseRef), 'the referral request');
      expect(request!.body).toContain('"child":true');

      // The partner accepts; then a new assessment finds against the return: travel stops and the supervisor decides.
      await partnerAccepts(handle, TEST_PARTNERS.api);
      await handle.executeUpdate(M.updates.recordBestInterests, { args: [{ by, assessedAt: new Date().toISOString(), conclusion: 'return-against-best-interests' }] });
      const turned = await handle.query(M.statusQuery);
      expect(turned.escalations.find((e) => e.topic === 'child-return-against-best-interests')?.resolvedAt).toBeNull();
      expect(await refusal(handle.executeUpdate(M.updates.planTravel, { args: [travelIn(3_600_000)] }))).toMatch(
        /a child's travel needs a best-interests assessment that finds the return in the child's best interests first/,
      );
      await eventually(() => h.mailFor(caseRef, { subject: "A child's return found against the child's best interests" }), 'the supervisor told');
      await handle.executeUpdate(M.updates.recordBestInterests, { args: [{ by, assessedAt: new Date().toISOString(), conclusion: 'return-in-best-interests' }] });
      expect((await handle.query(M.statusQuery)).escalations.find((e) => e.topic === 'child-return-against-best-interests')?.resolvedAt).not.toBeNull();
      await handle.executeUpdate(M.updates.planTravel, { args: [travelIn(3_600_000)] });

      await handle.executeUpdate(M.updates.cancel, { args: [{ by, reason: 'opened-in-error' }] });
      await handle.result();
    });
  });

  it("refuses a partner assigned by hand until the child's safeguards are recorded", async () => {
    await h.run({ profile: { child: true } }, async (handle) => {
      await handle.executeUpdate(M.updates.recordGuardian, { args: [{ by, appointedAt: new Date().toISOString(), appointedBy: 'court' }] });
      const status = await handle.query(M.statusQuery);
      expect(status.childSafeguards?.guardian?.appointedBy).toBe('court');
      await recordAssessment(handle);
      await waitForStatus(handle, (s) => s.timeline.some((e) => e.kind === 'referralWaitsForChildSafeguards'), { what: 'referral waiting' });
      // A partner assigned by hand needs them too: the child's rule is the first a caseworker hears.
      expect(await refusal(handle.executeUpdate(M.updates.assignPartner, { args: [{ by, partnerId: TEST_PARTNERS.api }] }))).toMatch(
        /a child's referral needs a best-interests assessment first/,
      );
      await handle.executeUpdate(M.updates.cancel, { args: [{ by, reason: 'opened-in-error' }] });
      await handle.result();
    });
  });

  it("refuses a guardian for an adult's case and a profile that contradicts itself", async () => {
    await h.run({ profile: { sex: 'female', ageBand: '25-34' } }, async (handle) => {
      expect(await refusal(handle.executeUpdate(M.updates.recordGuardian, { args: [{ by, appointedAt: new Date().toISOString(), appointedBy: 'court' }] }))).toMatch(
        /the programme is not a child's/,
      );
      expect((await handle.query(M.statusQuery)).childSafeguards).toBeUndefined();
      await handle.executeUpdate(M.updates.cancel, { args: [{ by, reason: 'opened-in-error' }] });
      await handle.result();
    });
    await expect(h.run({ profile: { ageBand: '25-34', child: true } }, async () => undefined)).rejects.toThrow(/profile\.child: expected false for age band 25-34/);
  });
});
