/**
 * Travel and handover: the plan must come after a partner accepted and before the departure
 * deadline; the partner is told of the arrival and the caseworker reminded; a passed deadline
 * records an enforced return referral and the programme still continues to handover if she travels;
 * a handover not confirmed in its window is an urgent escalation while the programme keeps waiting.
 */
import { describe, expect, it } from 'vitest';
import { Escalated, ProgrammeStage } from '../../domain/searchAttributes.js';
import * as M from '../../workflows/messages.js';
import { departs, handoverConfirmed, partnerAccepts, partnerAsked, partnerRequests, recordAssessment, refusal, travelIn } from '../support/drive.js';
import { eventually, useHarness } from '../support/harness.js';
import { TEST_PARTNERS, TEST_STAFF } from '../support/peers.js';
import { waitForStatus, workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

describe('travel', () => {
  it('is refused before a partner accepted and after the departure deadline, then notified and reminded', async () => {
    await h.run({ policy: { reflectionPeriod: '1h', travelReminderBefore: '1h' } }, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.api);
      expect(await refusal(handle.executeUpdate(M.updates.planTravel, { args: [travelIn(60_000)] }))).toBe('no partner has accepted the referral yet');
      const status = await partnerAccepts(handle, TEST_PARTNERS.api);

      // The deadline to the minute: with a short policy it falls on the same day as the refused date.
      const deadline = status.departureDeadline!;
      expect(await refusal(handle.executeUpdate(M.updates.planTravel, { args: [travelIn(2 * 3_600_000)] }))).toBe(
        `date: must be before the departure deadline ${deadline.slice(0, 10)} ${deadline.slice(11, 16)} UTC`,
      );
      expect(await refusal(handle.executeUpdate(M.updates.planTravel, { args: [{ ...travelIn(60_000), destination: 'Bucharest' }] }))).toMatch(/^destination: /);
      expect(await refusal(handle.executeUpdate(M.updates.planTravel, { args: [travelIn(-60_000)] }))).toBe('date: must be in the future');

      const planned = await handle.executeUpdate(M.updates.planTravel, { args: [travelIn(30 * 60_000)] });
      expect(planned.departureDeadline).toBe(status.departureDeadline);
      const notices = await eventually(() => partnerRequests(h.peers.partner, 'arrival-notice', caseRef), 'arrival notice');
      expect(JSON.parse(notices[0]!.body).data.travel).toMatchObject({ destination: 'OTP', meetingPoint: 'arrivals-hall' });
      // The travel date is within the reminder window, so the caseworker is reminded at once.
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.caseworkerEn.email, subject: 'Travel approaching' }), 'travel reminder');

      await departs(handle);
      const handover = await waitForStatus(handle, (s) => s.stage === 'handover');
      expect(handover.handover.dueBy).not.toBeNull();
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'transferred' }] });
      await handle.result();
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });

  it('records an enforced return referral when the deadline passes, and continues to handover when she travels', async () => {
    await h.run({ policy: { reflectionPeriod: '4s', deadlineReminderBefore: '1s', handoverWindow: '2s' } }, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.api);
      await partnerAccepts(handle, TEST_PARTNERS.api);
      const referred = await waitForStatus(handle, (s) => s.enforcedReturnReferredAt !== null, { what: 'enforced return referral' });
      expect(referred.stage).toBe('travel');
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.authority[0] }), 'the Return Agency told');
      // After the deadline, travel can still be planned: the return now happens as an enforced return.
      await handle.executeUpdate(M.updates.planTravel, { args: [travelIn(1000)] });
      await departs(handle);

      // Handover window of 2 s passes without confirmation: urgent, and the programme keeps waiting.
      const overdue = await waitForStatus(handle, (s) => s.escalations.some((e) => e.topic === 'handover-missing'), { what: 'handover escalation' });
      expect(overdue.stage).toBe('handover');
      expect(overdue.escalations.find((e) => e.topic === 'handover-missing')?.severity).toBe('urgent');
      const described = await handle.describe();
      expect(described.typedSearchAttributes.get(Escalated)).toBe(true);
      expect(described.typedSearchAttributes.get(ProgrammeStage)).toBe('handover');
      const alerts = await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.supervisors[0], subject: 'Handover not confirmed' }), 'urgent alert');
      expect(alerts[0]!.raw).toMatch(/^Subject: URGENT/m);

      const received = await handoverConfirmed(handle, TEST_PARTNERS.api);
      expect(received.escalations.find((e) => e.topic === 'handover-missing')?.resolvedAt).not.toBeNull();
      await waitForStatus(handle, (s) => s.stage === 'follow-up');
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'transferred' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });
});
