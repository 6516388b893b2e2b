/**
 * The reflection period: an extension only before the first deadline and never beyond 120 days in
 * total; a deadline that passes without departure records an enforced return referral and tells the
 * authority, after the caseworker was reminded.
 */
import { describe, expect, it } from 'vitest';
import { Escalated } from '../../domain/searchAttributes.js';
import * as M from '../../workflows/messages.js';
import { refusal } from '../support/drive.js';
import { eventually, useHarness } from '../support/harness.js';
import { TEST_STAFF } from '../support/peers.js';
import { waitForStatus, workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

describe('extending the reflection period', () => {
  it('is accepted before the first deadline, up to the maximum, and refused beyond it', async () => {
    await h.run({ policy: { reflectionPeriod: '30d', maxReflectionPeriod: '120d', deadlineReminderBefore: '1d' } }, async (handle) => {
      const status = await handle.query(M.statusQuery);
      const tooLate = new Date(Date.parse(status.reflection.startsAt) + 121 * 86_400_000).toISOString();
      expect(await refusal(handle.executeUpdate(M.updates.extendReflection, { args: [{ by: 'cw-test', until: tooLate }] }))).toMatch(/until: the reflection period may last at most 120 days in total/);
      expect(await refusal(handle.executeUpdate(M.updates.extendReflection, { args: [{ by: 'cw-test', until: status.reflection.startsAt }] }))).toMatch(/until: must be after the current deadline/);
      expect(await refusal(handle.executeUpdate(M.updates.extendReflection, { args: [{ by: 'cw-test', until: 'next tuesday' }] }))).toMatch(/until: expected an ISO date-time/);

      const maximum = status.reflection.latestPossible;
      const extended = await handle.executeUpdate(M.updates.extendReflection, { args: [{ by: 'cw-test', until: maximum }] });
      expect(extended.deadline).toBe(maximum);
      const after = await handle.query(M.statusQuery);
      expect(after.reflection).toMatchObject({ deadline: maximum, extended: true, firstDeadline: status.reflection.firstDeadline });
      expect(after.departureDeadline).toBe(maximum);
      expect(after.nextDeadline?.at).toBe(maximum);
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'opened-in-error' }] });
      await handle.result();
    });
  });

  it('is refused once the first deadline has passed, which refers her for enforced return', async () => {
    await h.run({ policy: { reflectionPeriod: '3s', deadlineReminderBefore: '2s', maxReflectionPeriod: '1h' } }, async (handle, caseRef) => {
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.caseworkerEn.email, subject: 'Reflection period ending' }), 'deadline reminder to the caseworker');
      const referred = await waitForStatus(handle, (s) => s.enforcedReturnReferredAt !== null, { what: 'enforced return referral' });
      expect(referred.timeline.some((e) => e.kind === 'enforcedReturnReferral')).toBe(true);
      expect(referred.escalated).toBe(true);
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.authority[0] }), 'authority told');
      expect((await handle.describe()).typedSearchAttributes.get(Escalated)).toBe(true);

      const later = new Date(Date.now() + 60 * 60_000).toISOString();
      expect(await refusal(handle.executeUpdate(M.updates.extendReflection, { args: [{ by: 'cw-test', until: later }] }))).toMatch(/an extension must be asked before the first deadline/);
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'transferred' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });
});
