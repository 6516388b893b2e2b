/**
 * Outside events are recorded in order and never crash the programme: a repeated eventId is
 * recorded once, an event that does not fit the stage or comes from the wrong sender is kept as
 * refused with its reason, and a malformed payload is refused naming the field. Caseworker commands
 * are refused with a message that names the field and the rule.
 */
import { describe, expect, it } from 'vitest';
import * as M from '../../workflows/messages.js';
import { goodReport, partnerAsked, recordAssessment, refusal, refusedEntries } from '../support/drive.js';
import { useHarness } from '../support/harness.js';
import { TEST_PARTNERS } from '../support/peers.js';
import { caseworker, event, partner, returnAgency, waitForStatus, workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

describe('outside events', () => {
  it('records a repeated eventId once and keeps misfits as refused with the reason', async () => {
    await h.run({}, async (handle) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.api);

      const ack = event(partner(TEST_PARTNERS.api), { keyContact: 'key-1', alternateContact: 'alt-1' }, 'webhook-msg-1');
      await handle.signal(M.signals.referralAcknowledged, ack);
      await handle.signal(M.signals.referralAcknowledged, ack);
      await handle.signal(M.signals.referralAcknowledged, { ...ack, keyContact: 'key-2' }); // same id, other body: still the same event
      // The gateway's ids are `<webhook-id>:<body digest>`: a webhook-id re-used for another body is flagged.
      await handle.signal(M.signals.concernRaised, event(partner(TEST_PARTNERS.api), { kind: 'threats' as const }, 'whk-7:digest-one'));
      await handle.signal(M.signals.concernRaised, event(partner(TEST_PARTNERS.api), { kind: 'lost-contact' as const }, 'whk-7:digest-two'));

      // Wrong stage, wrong partner, wrong role, malformed.
      await handle.signal(M.signals.handoverConfirmed, event(partner(TEST_PARTNERS.api), {}));
      await handle.signal(M.signals.referralAnswered, event(partner(TEST_PARTNERS.second), { answer: 'accept' as const }));
      await handle.signal(M.signals.asylumDecision, event(partner(TEST_PARTNERS.api), { authority: 'DIS' as const, decision: 'convention' as const }));
      await handle.signal(M.signals.followUpReported, { ...event(partner(TEST_PARTNERS.api), { checkpoint: 'month-2', situation: goodReport }) } as never);
      await handle.signal(M.signals.concernRaised, { nonsense: true } as never);

      const status = await waitForStatus(handle, (s) => refusedEntries(s).length === 6, { what: 'six refusals' });
      expect(status.timeline.filter((e) => e.eventId === 'webhook-msg-1')).toHaveLength(1);
      expect(status.duplicatesIgnored).toBe(2);
      expect(refusedEntries(status).map((e) => [e.kind, e.reason])).toEqual([
        ['concernRaised', expect.stringMatching(/^eventId: this webhook-id was used before \(event \d+\) for a different body$/)],
        ['handoverConfirmed', 'sender: only the receiving partner confirms the handover'],
        ['referralAnswered', 'sender: no open referral to this partner'],
        ['asylumDecision', 'sender: a partner may not send asylumDecision'],
        ['followUpReported', expect.stringMatching(/^checkpoint: expected month-1, month-3, month-6 or month-12/)],
        ['concernRaised', expect.stringMatching(/eventId: /)],
      ]);
      // The programme carried on regardless.
      expect(status.referral.candidates[0]).toMatchObject({ partnerId: TEST_PARTNERS.api, state: 'acknowledged' });
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
      const result = await handle.result();
      expect(result.outcome).toBe('cancelled');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });

  it('refuses an event dated before the programme opened or in the future, and goes on', async () => {
    await h.run({}, async (handle) => {
      const opened = await waitForStatus(handle, () => true, { what: 'the status' });
      await handle.signal(M.signals.departureConfirmed, { ...event(returnAgency, {}), at: '1970-01-01T00:00:00Z' });
      await handle.signal(M.signals.personMissing, { ...event(caseworker, { state: 'missing' as const }), at: '2000-01-01T00:00:00Z' });
      await handle.signal(M.signals.concernRaised, { ...event(caseworker, { kind: 'threats' as const }), at: new Date(Date.now() + 3_600_000).toISOString() });
      await handle.signal(M.signals.personMissing, {
        ...event(caseworker, { state: 'missing' as const }),
        onBehalfOf: { partnerId: TEST_PARTNERS.api, channel: 'phone' as const, receivedAt: '2001-01-01T00:00:00Z' },
      });
      const status = await waitForStatus(handle, (s) => refusedEntries(s).length === 4, { what: 'four refusals' });
      expect(refusedEntries(status).map((e) => [e.kind, e.reason])).toEqual([
        ['departureConfirmed', `at: must not be before the programme opened (${opened.openedAt})`],
        ['personMissing', `at: must not be before the programme opened (${opened.openedAt})`],
        ['concernRaised', "at: must not be in the future (at most 5m ahead of the programme's clock)"],
        ['personMissing', `onBehalfOf.receivedAt: must not be before the programme opened (${opened.openedAt})`],
      ]);
      // Nothing of it stands: she has not departed, is not missing, no concern, still in reflection.
      expect(status).toMatchObject({ departedAt: null, missingSince: null, concerns: [], stage: 'reflection', outcome: null });
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'opened-in-error' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });

  it('compares webhook-ids per sender: another sender that happens to choose the same one is heard', async () => {
    await h.run({ policy: { missingClosure: '1h' } }, async (handle) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.api);

      // The Return Agency, a caseworker and the partner each happen to use webhook-id `shared-1`.
      await handle.signal(M.signals.personMissing, event(returnAgency, { state: 'missing' as const }, 'shared-1:digest-ra'));
      await handle.signal(M.signals.concernRaised, event(caseworker, { kind: 'creditor-contact' as const }, 'shared-1:digest-cw'));
      await handle.signal(M.signals.concernRaised, event(partner(TEST_PARTNERS.api), { kind: 'threats' as const }, 'shared-1:digest-partner'));
      // The partner re-using its own webhook-id for another body is still flagged.
      await handle.signal(M.signals.concernRaised, event(partner(TEST_PARTNERS.api), { kind: 'lost-contact' as const }, 'shared-1:digest-other'));

      const status = await waitForStatus(handle, (s) => s.timeline.filter((e) => e.eventId?.startsWith('shared-1:')).length === 4, { what: 'four events' });
      expect(status.timeline.filter((e) => e.eventId?.startsWith('shared-1:')).map((e) => [e.by, e.kind, e.result, e.reason])).toEqual([
        ['return-agency:ra-duty', 'personMissing', 'recorded', undefined],
        ['caseworker:cw-test', 'concernRaised', 'recorded', undefined],
        [`partner:${TEST_PARTNERS.api}`, 'concernRaised', 'recorded', undefined],
        [`partner:${TEST_PARTNERS.api}`, 'concernRaised', 'refused', expect.stringMatching(/^eventId: this webhook-id was used before \(event \d+\) for a different body$/)],
      ]);
      expect(status.concerns.map((c) => c.kind)).toEqual(['creditor-contact', 'threats']);
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });
});

describe('caseworker commands', () => {
  it('are refused with the field and the rule, and change nothing', async () => {
    await h.run({}, async (handle) => {
      expect(await refusal(handle.executeUpdate(M.updates.recordAssessment, { args: [{ by: 'cw-test', riskLevel: 'extreme', needs: ['housing'] } as never] }))).toBe(
        'riskLevel: expected low, medium or high',
      );
      expect(await refusal(handle.executeUpdate(M.updates.recordAssessment, { args: [{ by: 'cw-test', riskLevel: 'low', needs: [] }] }))).toBe(
        'needs: expected at least one need',
      );
      expect(await refusal(handle.executeUpdate(M.updates.recordAssessment, { args: [{ by: 'Anna Jensen', riskLevel: 'low', needs: ['housing'] }] }))).toMatch(
        /^by: expected a staff id/,
      );
      expect(await refusal(handle.executeUpdate(M.updates.recordPlan, { args: [{ by: 'cw-test', elements: ['housing'], extra: 1 } as never] }))).toMatch(/extra/);
      expect(await refusal(handle.executeUpdate(M.updates.recordConsent, { args: [{ scope: 'sharing', consent: { at: new Date().toISOString(), source: 'in-person', recordedBy: 'cw-test' } }] }))).toBe(
        'scope: sharing consent is already recorded',
      );
      expect(await refusal(handle.executeUpdate(M.updates.assignPartner, { args: [{ by: 'cw-test', partnerId: TEST_PARTNERS.api }] }))).toBe(
        'partners can be assigned by hand when no partner for the country is left',
      );
      const status = await handle.query(M.statusQuery);
      expect(status.assessment).toBeNull();
      expect(status.plan).toBeNull();
      expect(status.timeline.filter((e) => e.by.startsWith('caseworker:'))).toHaveLength(0);

      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
      await handle.result();
      // Once the programme has ended, the server itself refuses further messages.
      await expect(handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] })).rejects.toThrow(/completed/);
      await expect(handle.signal(M.signals.asylumApplied, event(caseworker, {}))).rejects.toThrow(/completed/);
    });
  });
});
