/**
 * A supervisor gives a programme to another caseworker: the programme says whose it is, the
 * `CaseworkerId` search attribute (which every caseload is read from) follows, and the staff mail the
 * programme sends from then on goes to her. Only a supervisor reassigns, and never to the same person.
 */
import { describe, expect, it } from 'vitest';
import { CaseworkerId } from '../../domain/searchAttributes.js';
import * as M from '../../workflows/messages.js';
import { cancelAndClose, refusal } from '../support/drive.js';
import { eventually, useHarness, type Harness } from '../support/harness.js';
import { TEST_STAFF } from '../support/peers.js';

const h: Harness = useHarness();
const supervisor = { by: 'sup-test', role: 'supervisor' as const };

describe('reassigning a programme', () => {
  it('moves it to another caseworker: status, caseload attribute and her mail follow; refusals name the field', async () => {
    // The reflection deadline's reminder comes twenty seconds in, well after the reassignment even on a busy machine.
    await h.run({ caseworkerId: TEST_STAFF.caseworkerEn.id, policy: { reflectionPeriod: '40s', deadlineReminderBefore: '20s' } }, async (handle, caseRef) => {
      const reassign = (fields: Record<string, unknown>) =>
        handle.executeUpdate(M.updates.reassignProgramme, { args: [{ ...supervisor, caseworkerId: TEST_STAFF.caseworkerDa.id, ...fields } as never] });
      expect(await refusal(reassign({ by: 'cw-test', role: 'caseworker' }))).toBe('role: expected supervisor: only a supervisor reassigns a programme');
      expect(await refusal(reassign({ caseworkerId: TEST_STAFF.caseworkerEn.id }))).toBe(`caseworkerId: the programme is already ${TEST_STAFF.caseworkerEn.id}'s`);

      expect(await reassign({})).toEqual({ caseworkerId: TEST_STAFF.caseworkerDa.id, previous: TEST_STAFF.caseworkerEn.id });
      const status = await handle.query(M.statusQuery);
      expect(status.caseworkerId).toBe(TEST_STAFF.caseworkerDa.id);
      expect(status.timeline.find((e) => e.kind === 'reassignProgramme')).toMatchObject({
        by: 'supervisor:sup-test',
        detail: { from: TEST_STAFF.caseworkerEn.id, to: TEST_STAFF.caseworkerDa.id },
      });
      expect((await handle.describe()).typedSearchAttributes.get(CaseworkerId)).toBe(TEST_STAFF.caseworkerDa.id);

      const reminders = await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.caseworkerDa.email }), 'the reminder to the new caseworker', 45_000);
      expect(reminders.length).toBeGreaterThan(0);
      await cancelAndClose(handle);
    });
  });
});
