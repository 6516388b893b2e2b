/**
 * The asylum track: residence granted (§7(1), §7(2), §7(3)) ends the programme before departure and
 * tells the partner the return is off; a DIS rejection waits for the Refugee Appeals Board; no
 * travel can be planned while asylum is pending.
 */
import { describe, expect, it } from 'vitest';
import * as M from '../../workflows/messages.js';
import { partnerAccepts, partnerAsked, partnerRequests, recordAssessment, refusal, travelIn } from '../support/drive.js';
import { eventually, useHarness } from '../support/harness.js';
import { TEST_PARTNERS, TEST_STAFF } from '../support/peers.js';
import { caseworker, event, waitForStatus, workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

describe('residence granted', () => {
  it.each([
    ['DIS', 'convention'],
    ['DIS', 'protection'],
    ['FLN', 'temporary-protection'],
  ] as const)('by %s (%s) during referral ends the programme and cancels the return with the partner', async (authority, decision) => {
    await h.run({}, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.api);
      await handle.signal(M.signals.asylumApplied, event(caseworker, {}));
      await waitForStatus(handle, (s) => s.asylum === 'pending-dis');
      if (authority === 'FLN') {
        await handle.signal(M.signals.asylumDecision, event(caseworker, { authority: 'DIS' as const, decision: 'rejected' as const }));
        await waitForStatus(handle, (s) => s.asylum === 'pending-fln');
      }
      await handle.signal(M.signals.asylumDecision, event(caseworker, { authority, decision }));

      const result = await handle.result();
      expect(result.outcome).toBe('residence-granted');
      expect(result.asylum).toBe('granted');
      expect(result.departedAt).toBeNull();
      // The running preparation was cancelled: the referral wait ended and the partner heard the return is off.
      const cancelled = partnerRequests(h.peers.partner, 'return-cancelled', caseRef);
      expect(cancelled).toHaveLength(1);
      expect(JSON.parse(cancelled[0]!.body).data.reason).toBe('residence-granted');
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.caseworkerEn.email, subject: 'residence granted' }), 'caseworker told');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });
});

describe('asylum pending', () => {
  it('waits for FLN after a DIS rejection, refuses travel meanwhile, and resumes after the final rejection', async () => {
    await h.run({ policy: { reflectionPeriod: '1h', departureWindowAfterRejection: '2h' } }, async (handle) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.api);
      await partnerAccepts(handle, TEST_PARTNERS.api);

      await handle.signal(M.signals.asylumApplied, event(caseworker, {}));
      const pending = await waitForStatus(handle, (s) => s.stage === 'asylum', { what: 'asylum stage' });
      expect(pending.departureDeadline).toBeNull();
      expect(await refusal(handle.executeUpdate(M.updates.planTravel, { args: [travelIn(60_000)] }))).toMatch(/travel cannot be planned while the asylum case is pending/);

      await handle.signal(M.signals.asylumDecision, event(caseworker, { authority: 'DIS' as const, decision: 'rejected' as const }));
      const appeal = await waitForStatus(handle, (s) => s.asylum === 'pending-fln');
      expect(appeal.stage).toBe('asylum');
      // A departure cannot be confirmed while the appeal is pending either.
      await handle.signal(M.signals.departureConfirmed, event(caseworker, {}));
      const refused = await waitForStatus(handle, (s) => s.timeline.some((e) => e.kind === 'departureConfirmed'));
      expect(refused.timeline.find((e) => e.kind === 'departureConfirmed')).toMatchObject({ result: 'refused', reason: 'asylum is pending: she may not be returned' });

      await handle.signal(M.signals.asylumDecision, event(caseworker, { authority: 'FLN' as const, decision: 'rejected' as const }));
      const final = await waitForStatus(handle, (s) => s.asylum === 'rejected-final' && s.stage === 'travel', { what: 'back to travel' });
      // The departure deadline moved to the final rejection plus the departure window (later than the reflection deadline).
      expect(Date.parse(final.departureDeadline!)).toBeGreaterThan(Date.parse(final.reflection.deadline));

      await handle.executeUpdate(M.updates.planTravel, { args: [travelIn(60_000)] });
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'transferred' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });
});
