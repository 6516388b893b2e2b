/**
 * The early warning: when the partner asked usually answers after the departure deadline (its
 * measured answers in the ledger, or the response window without them), the caseworker is told at
 * once, while the reflection period can still be extended; when there is time, nothing is said.
 * Each case asks a partner of its own country that no other test asks, so the ledger's measure of
 * it is what this file makes it.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendLedgerRecord } from '../../store/ledger.js';
import { recordKey } from '../../store/pseudonym.js';
import * as M from '../../workflows/messages.js';
import { runStore } from '../support/database.js';
import { partnerAsked, recordAssessment } from '../support/drive.js';
import { eventually, useHarness } from '../support/harness.js';
import { readableMail } from '../support/mailText.js';
import { TEST_MEASURED_COUNTRY, TEST_PARTNERS, TEST_STAFF, TEST_UNMEASURED_COUNTRY } from '../support/peers.js';
import { waitForStatus } from '../support/programmes.js';

const h = useHarness();
const by = 'cw-test';
/** She must leave ten minutes after the opening; a partner has an hour to answer. */
const tight = { reflectionPeriod: '10m', deadlineReminderBefore: '1m', referralResponseWindow: '1h' } as const;

/** Three referrals the measured partner answered in five seconds each, as earlier programmes would have. */
beforeAll(async () => {
  const store = runStore();
  for (let i = 0; i < 3; i++) {
    const casePseudonym = randomBytes(16).toString('hex');
    const base = { casePseudonym, homeCountry: TEST_MEASURED_COUNTRY, partner: TEST_PARTNERS.measured, month: '2026-11', sex: null, ageBand: null, severity: null, outcome: null };
    const key = (what: string) => recordKey(store.pseudonymKey, 'early-warning-test', casePseudonym, what);
    await appendLedgerRecord(store.db, { ...base, key: key('asked'), milestone: 'referral-asked', code: 'delivered', sinceOpenedMs: 60_000 });
    await appendLedgerRecord(store.db, { ...base, key: key('answered'), milestone: 'referral-answered', code: 'accept', sinceOpenedMs: 65_000 });
  }
});

describe('the early warning', () => {
  it('warns the caseworker when an answer is unlikely before the departure deadline, with the date to ask for the extension by', async () => {
    await h.run({ homeCountry: TEST_UNMEASURED_COUNTRY, policy: tight }, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.unmeasured);
      const status = await waitForStatus(handle, (s) => (s.earlyWarnings ?? []).length > 0, { what: 'an early warning' });
      const [warning] = status.earlyWarnings!;
      const asked = status.referral.candidates.find((c) => c.partnerId === TEST_PARTNERS.unmeasured)!;
      expect(warning).toMatchObject({
        partnerId: TEST_PARTNERS.unmeasured,
        basis: 'policy-window',
        departureDeadline: status.departureDeadline,
        askExtensionBy: status.reflection.firstDeadline,
        expectedAnswerBy: new Date(Date.parse(asked.askedAt!) + 3_600_000).toISOString(),
      });
      expect(status.timeline.some((e) => e.kind === 'earlyWarning' && e.detail?.partnerId === TEST_PARTNERS.unmeasured)).toBe(true);

      const [mail] = await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.caseworkerEn.email, subject: 'An answer is unlikely before the deadline' }), 'the warning mail');
      const text = readableMail(mail!.raw).replace(/\s+/g, ' ');
      expect(text).toContain('An answer is unlikely before the deadline: ask for the extension of the reflection period before');
      // Until the answer and the policy's notice before a deadline (a minute here).
      expect(warning!.extendUntil).toBe(new Date(Date.parse(warning!.expectedAnswerBy) + 60_000).toISOString());
      expect(text).toContain(`prepared-return extend-reflection ${caseRef} --until ${warning!.extendUntil}`);
      expect(text).toContain('has 1h to answer the referral (none of its answers are measured yet)');

      // Extending the reflection period as advised is accepted.
      expect(await handle.executeUpdate(M.updates.extendReflection, { args: [{ by, until: warning!.extendUntil! }] })).toEqual({ deadline: warning!.extendUntil });
      await handle.executeUpdate(M.updates.cancel, { args: [{ by, reason: 'opened-in-error' }] });
      await handle.result();
    });
  });

  it('says no extension can reach the answer when even the longest would end before it', async () => {
    await h.run({ homeCountry: TEST_UNMEASURED_COUNTRY, policy: { ...tight, maxReflectionPeriod: '30m' } }, async (handle, caseRef) => {
      await recordAssessment(handle);
      const status = await waitForStatus(handle, (s) => (s.earlyWarnings ?? []).length > 0, { what: 'an early warning' });
      expect(status.earlyWarnings![0]).toMatchObject({ askExtensionBy: null, extendUntil: null });
      const [mail] = await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.caseworkerEn.email, subject: 'An answer is unlikely before the deadline' }), 'the warning mail');
      expect(readableMail(mail!.raw).replace(/\s+/g, ' ')).toContain('no extension of the reflection period can reach it');
      await handle.executeUpdate(M.updates.cancel, { args: [{ by, reason: 'opened-in-error' }] });
      await handle.result();
    });
  });

  it("says nothing when the partner's measured answers come in time, though the response window would not", async () => {
    await h.run({ homeCountry: TEST_MEASURED_COUNTRY, policy: tight }, async (handle, caseRef) => {
      await expectNoWarning(handle, caseRef, TEST_PARTNERS.measured);
    });
  });

  it('says nothing when the response window ends before the deadline', async () => {
    await h.run({ homeCountry: TEST_UNMEASURED_COUNTRY, policy: { reflectionPeriod: '2h', referralResponseWindow: '1h' } }, async (handle, caseRef) => {
      await expectNoWarning(handle, caseRef, TEST_PARTNERS.unmeasured);
    });
  });
});

async function expectNoWarning(handle: Parameters<Parameters<typeof h.run>[1]>[0], caseRef: string, partnerId: string): Promise<void> {
  await recordAssessment(handle);
  await partnerAsked(handle, partnerId);
  // The warning is weighed before the answer is awaited: the answer's deadline shows the wait began.
  await waitForStatus(handle, (s) => s.deadlines.some((d) => d.key === 'referral'), { what: 'the referral deadline' });
  const status = await handle.query(M.statusQuery);
  expect(status.earlyWarnings ?? []).toHaveLength(0);
  expect(h.mailFor(caseRef, { subject: 'An answer is unlikely' })).toHaveLength(0);
  await handle.executeUpdate(M.updates.cancel, { args: [{ by, reason: 'opened-in-error' }] });
  await handle.result();
}
