/**
 * A programme whose only partner answers by e-mail: the referral goes out by mail, and the
 * caseworker records every answer on the partner's behalf with the real `prepared-return`
 * executable, from the acknowledgement through the handover to the fourth follow-up report.
 */
import { describe, expect, it } from 'vitest';
import type { ProgrammeStatus, TimelineEntry } from '../../domain/status.js';
import { eventually, useHarness } from '../support/harness.js';
import { TEST_EMAIL_ONLY_COUNTRY, TEST_PARTNERS } from '../support/peers.js';
import { waitForStatus, workflowTaskFailures } from '../support/programmes.js';
import { uniqueTaskQueue } from '../support/temporal.js';
import type { CommandRun } from '../../dev/runCommand.js';
import { cliFor } from './runCli.js';

const h = useHarness();
const partnerId = TEST_PARTNERS.email;

function ok(result: CommandRun): CommandRun {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result;
}

describe('an e-mail partner only', () => {
  it('runs to returned-followed-up with every answer recorded by the caseworker on the partner\'s behalf', async () => {
    const cli = cliFor(uniqueTaskQueue('cli-email-partner'));
    await h.run({ homeCountry: TEST_EMAIL_ONLY_COUNTRY }, async (handle, caseRef) => {
      ok(await cli('record-assessment', caseRef, '--risk', 'high', '--needs', 'housing,psychological'));
      await waitForStatus(handle, (s) => s.partner?.id === partnerId && s.partner.state === 'asked', { what: 'the e-mail partner asked' });
      // The referral went by mail to the partner's intake address.
      expect((await eventually(() => h.mailFor(caseRef, { to: 'intake@partner.test' }), 'the referral mail')).length).toBeGreaterThanOrEqual(1);

      // A partner's event needs the partner and how it came.
      const noPartner = await cli('record-handover', caseRef, '--via', 'email');
      expect(noPartner.code).toBe(2);
      expect(noPartner.stderr).toContain('--for-partner');
      const noChannel = await cli('record-acknowledgement', caseRef, '--for-partner', partnerId, '--key-contact', 'Malee S.', '--alternate-contact', 'Niran P.');
      expect(noChannel.code).toBe(2);
      expect(noChannel.stderr).toContain('--via');
      const badChannel = await cli('record-acknowledgement', caseRef, '--for-partner', partnerId, '--via', 'pigeon', '--key-contact', 'Malee S.', '--alternate-contact', 'Niran P.');
      expect(badChannel.code).toBe(2);
      expect(badChannel.stderr).toContain('--via: expected email, phone or meeting');
      // Another partner, which was never asked, cannot be spoken for.
      const stranger = await cli('record-referral-answer', caseRef, '--for-partner', TEST_PARTNERS.api, '--via', 'phone', '--answer', 'accept');
      expect(stranger.code).toBe(1);
      expect(stranger.stderr).toContain('no open referral to this partner');

      const via = ['--for-partner', partnerId, '--via', 'email', '--received', 'now'];
      ok(await cli('record-acknowledgement', caseRef, ...via, '--key-contact', 'Malee S.', '--key-phone', '+66 2 123 4567', '--alternate-contact', 'Niran P.', '--alternate-role', 'social-worker'));
      ok(await cli('record-referral-answer', caseRef, '--for-partner', partnerId, '--via', 'phone', '--answer', 'accept', '--risk-feedback', 'higher', '--risk-factors', 'debt,family-involved', '--note', 'Her uncle is in the home village.'));
      await waitForStatus(handle, (s) => s.stage === 'travel', { what: 'the travel stage' });

      ok(await cli('plan-travel', caseRef, '--travel-date', '+10m', '--destination', 'BKK', '--meeting-point', 'arrivals-hall'));
      ok(await cli('confirm-departure', caseRef));
      await waitForStatus(handle, (s) => s.stage === 'handover', { what: 'the handover stage' });
      ok(await cli('record-handover', caseRef, ...via, '--where', 'airport', '--received-by', 'Malee S.'));
      await waitForStatus(handle, (s) => s.stage === 'follow-up', { what: 'the follow-up stage' });

      const levels = [
        ['fragile', 'fragile', 'adequate', 'adequate', 'fragile', 'secure'],
        ['adequate', 'fragile', 'adequate', 'secure', 'adequate', 'secure'],
        ['adequate', 'adequate', 'secure', 'secure', 'adequate', 'secure'],
        ['secure', 'adequate', 'secure', 'secure', 'secure', 'secure'],
      ];
      for (const [i, checkpoint] of (['month-1', 'month-3', 'month-6', 'month-12'] as const).entries()) {
        await waitForStatus(handle, (s) => s.checkpoints.find((c) => c.name === checkpoint)?.state === 'requested', { what: `${checkpoint} requested` });
        const [housing, livelihood, health, safety, family, legal] = levels[i]!;
        ok(
          await cli('record-follow-up', caseRef, '--for-partner', partnerId, '--via', i % 2 ? 'meeting' : 'phone', '--checkpoint', checkpoint,
            '--housing', housing!, '--livelihood', livelihood!, '--health', health!, '--safety', safety!, '--family', family!, '--legal-status', legal!,
            ...(i === 1 ? [] : ['--seen-in-person']), '--support-received', 'housing,psychological', '--next-steps', i === 3 ? 'close-support' : 'continue-support'),
        );
      }

      const result = await handle.result();
      expect(result.outcome).toBe('returned-followed-up');

      // What the partner said is kept, with how it came and who recorded it.
      const candidate = result.referral.candidates.find((c) => c.partnerId === partnerId)!;
      expect(candidate.contacts).toMatchObject({
        key: { name: 'Malee S.', role: 'case-manager', phone: '+66 2 123 4567' },
        alternate: { name: 'Niran P.', role: 'social-worker' },
        source: { via: 'email', recordedBy: 'caseworker:cw-test' },
      });
      expect(candidate.answer).toMatchObject({ answer: 'accept', riskFeedback: 'higher', riskFactors: ['debt', 'family-involved'], note: 'Her uncle is in the home village.', source: { via: 'phone' } });
      expect(result.handover).toMatchObject({ where: 'airport', receivedBy: { name: 'Malee S.' }, source: { via: 'email' } });
      expect(result.checkpoints.map((c) => c.state)).toEqual(['received', 'received', 'received', 'received']);
      expect(result.checkpoints[0]!.report).toMatchObject({
        form: 'areas',
        situation: { housing: 'fragile', livelihood: 'fragile', health: 'adequate', safety: 'adequate', family: 'fragile', legalStatus: 'secure' },
        seenInPerson: true,
        supportReceived: ['housing', 'psychological'],
        nextSteps: ['continue-support'],
        source: { via: 'phone', recordedBy: 'caseworker:cw-test' },
      });
      expect(result.checkpoints[1]!.report?.seenInPerson).toBe(false);
      expect(result.checkpoints[3]!.report?.situation.housing).toBe('secure');

      // The timeline shows who recorded each answer and for whom; none was refused but the stranger's.
      const timeline = JSON.parse(ok(await cli('timeline', caseRef, '--json')).stdout) as TimelineEntry[];
      const relayed = timeline.filter((e) => e.detail?.onBehalfOf === `partner:${partnerId}`);
      expect(relayed.map((e) => [e.kind, e.by, e.result])).toEqual([
        ['referralAcknowledged', 'caseworker:cw-test', 'recorded'],
        ['referralAnswered', 'caseworker:cw-test', 'recorded'],
        ['handoverConfirmed', 'caseworker:cw-test', 'recorded'],
        ...['month-1', 'month-3', 'month-6', 'month-12'].map(() => ['followUpReported', 'caseworker:cw-test', 'recorded']),
      ]);
      expect(relayed[0]!.detail).toMatchObject({ via: 'email' });
      expect(timeline.filter((e) => e.result === 'refused').map((e) => e.detail?.onBehalfOf)).toEqual([`partner:${TEST_PARTNERS.api}`]);
      const human = ok(await cli('timeline', caseRef)).stdout;
      expect(human).toContain(`onBehalfOf=partner:${partnerId}`);
      // The note stays in the encrypted record, never in the timeline shown or any mail.
      expect(human).not.toContain('uncle');
      expect(h.mailFor(caseRef).some((m) => m.raw.includes('uncle') || m.raw.includes('Malee'))).toBe(false);

      const status = JSON.parse(ok(await cli('status', caseRef, '--json')).stdout) as ProgrammeStatus;
      expect(status.checkpoints[2]!.report?.situation.safety).toBe('secure');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  }, 240_000);
});
