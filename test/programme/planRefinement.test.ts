/**
 * After the handover the reintegration plan is refined within the policy window: at half-window the
 * caseworker is reminded, when the window passes the supervisor is told, and a refinement that comes
 * late resolves that escalation. A plan refined in time is neither reminded nor escalated.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import * as M from '../../workflows/messages.js';
import { cancelAndClose, returnedAndReceived } from '../support/drive.js';
import { eventually, useHarness, type Harness } from '../support/harness.js';
import { TEST_PARTNERS, TEST_STAFF } from '../support/peers.js';
import { waitForStatus } from '../support/programmes.js';

const h: Harness = useHarness();
const api = TEST_PARTNERS.api;
// Checkpoints long after the window, so the plan is the only thing that falls due.
const policy = (planRefinementWindow: string) => ({ planRefinementWindow, followUpAt: { 'month-1': '1h', 'month-3': '2h', 'month-6': '3h', 'month-12': '4h' } });
const reminder = { to: TEST_STAFF.caseworkerEn.email, subject: 'Reminder: Refine the reintegration plan' };
const escalation = { to: TEST_STAFF.supervisors[0], subject: 'ESCALATION: Reintegration plan not refined' };

const recordPlan = (handle: WorkflowHandle) => handle.executeUpdate(M.updates.recordPlan, { args: [{ by: 'cw-test', elements: ['housing', 'employment'], supportMonths: 6 }] });

describe('the plan refined after the handover', () => {
  it('overdue: reminds the caseworker at half-window, then escalates; a late refinement resolves it', async () => {
    await h.run({ policy: policy('4s') }, async (handle, caseRef) => {
      await returnedAndReceived(handle, api);
      const received = await waitForStatus(handle, (s) => s.planRefinement !== undefined, { what: 'refinement due' });
      expect(received.planRefinement).toEqual({ dueBy: new Date(Date.parse(received.handover.confirmedAt!) + 4_000).toISOString(), refinedAt: null });
      expect(received.deadlines.map((d) => d.key)).toContain('plan-refinement');

      const overdue = await waitForStatus(handle, (s) => s.escalations.some((e) => e.topic === 'plan-not-refined'), { what: 'plan escalated' });
      expect(overdue.timeline.filter((e) => e.kind === 'planNotRefined')).toHaveLength(1);
      expect(overdue.escalated).toBe(true);
      expect(overdue.deadlines.map((d) => d.key)).not.toContain('plan-refinement');
      await eventually(() => h.mailFor(caseRef, reminder), 'caseworker reminded');
      await eventually(() => h.mailFor(caseRef, escalation), 'supervisor told');

      await recordPlan(handle);
      const refined = await handle.query(M.statusQuery);
      expect(refined.planRefinement?.refinedAt).toBe(refined.plan?.recordedAt);
      expect(refined.escalations.find((e) => e.topic === 'plan-not-refined')?.resolvedAt).toBe(refined.plan?.recordedAt);
      expect(refined.escalated).toBe(false);
      await cancelAndClose(handle);
    });
  });

  it('refined in time: neither reminded nor escalated', async () => {
    await h.run({ policy: policy('4s') }, async (handle, caseRef) => {
      await returnedAndReceived(handle, api);
      await waitForStatus(handle, (s) => s.planRefinement !== undefined, { what: 'refinement due' });
      await recordPlan(handle);
      // Past the window and then some.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const status = await handle.query(M.statusQuery);
      expect(status.planRefinement?.refinedAt).toBe(status.plan?.recordedAt);
      expect(status.escalations).toEqual([]);
      expect(status.deadlines.map((d) => d.key)).not.toContain('plan-refinement');
      expect(status.timeline.some((e) => e.kind === 'planNotRefined')).toBe(false);
      expect([h.mailFor(caseRef, reminder), h.mailFor(caseRef, escalation)]).toEqual([[], []]);
      await cancelAndClose(handle);
    });
  });
});
