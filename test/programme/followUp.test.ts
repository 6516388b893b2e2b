/**
 * Follow-up after return: only with consent; each checkpoint asks, reminds, and records a report or
 * a miss; a reported concern alerts the supervisor at once; withdrawn consent stops follow-up and
 * keeps what was recorded before.
 */
import { describe, expect, it } from 'vitest';
import * as M from '../../workflows/messages.js';
import { goodReport, partnerRequests, returnedAndReceived as returnedAndReceivedBy } from '../support/drive.js';
import { eventually, useHarness, type Harness } from '../support/harness.js';
import { readableMail } from '../support/mailText.js';
import { TEST_PARTNERS, TEST_STAFF } from '../support/peers.js';
import { caseworker, consent, event, partner, waitForStatus, workflowTaskFailures } from '../support/programmes.js';
import type { WorkflowHandle } from '@temporalio/client';

const h: Harness = useHarness();
const api = TEST_PARTNERS.api;

const returnedAndReceived = (handle: WorkflowHandle) => returnedAndReceivedBy(handle, api);

describe('follow-up', () => {
  it('does not happen without consent: closed as returned-no-follow-up-consent', async () => {
    const now = new Date().toISOString();
    await h.run({ consent: { participation: consent(now), sharing: consent(now) } }, async (handle, caseRef) => {
      await returnedAndReceived(handle);
      // Closed right after the handover: there is nothing to ask the partner about.
      const result = await handle.result();
      expect(result.outcome).toBe('returned-no-follow-up-consent');
      expect(result.checkpoints.every((c) => c.state === 'stopped')).toBe(true);
      expect(partnerRequests(h.peers.partner, 'follow-up-request', caseRef)).toHaveLength(0);
    });
  });

  it('reminds at half-window, records a missed checkpoint and escalates, and closes incomplete', async () => {
    await h.run(
      { policy: { followUpAt: { 'month-1': '1s', 'month-3': '2s', 'month-6': '3s', 'month-12': '4s' }, followUpReportWindow: '2s' } },
      async (handle, caseRef) => {
        await returnedAndReceived(handle);
        await waitForStatus(handle, (s) => s.checkpoints[0]!.state === 'requested');
        await handle.signal(M.signals.followUpReported, event(partner(api), { checkpoint: 'month-1' as const, situation: goodReport }));
        const result = await handle.result();
        expect(result.outcome).toBe('returned-follow-up-incomplete');
        expect(result.checkpoints.map((c) => c.state)).toEqual(['received', 'missed', 'missed', 'missed']);
        expect(result.escalations.filter((e) => e.topic === 'follow-up-missed')).toHaveLength(3);
        expect(partnerRequests(h.peers.partner, 'follow-up-reminder', caseRef)).toHaveLength(3);
        await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.supervisors[0], subject: 'Follow-up report missing' }), 'supervisor told');
        expect(await workflowTaskFailures(handle)).toBe(0);
      },
    );
  });

  it('alerts the supervisor at once when a report raises a concern', async () => {
    await h.run({ policy: { followUpAt: { 'month-1': '1s', 'month-3': '1h', 'month-6': '2h', 'month-12': '3h' } } }, async (handle, caseRef) => {
      await returnedAndReceived(handle);
      await waitForStatus(handle, (s) => s.checkpoints[0]!.state === 'requested');
      await handle.signal(
        M.signals.followUpReported,
        event(partner(api), { checkpoint: 'month-1' as const, situation: { ...goodReport, wellbeing: 'poor' as const }, concerns: ['trafficker-contact' as const] }),
      );
      const alerted = await waitForStatus(handle, (s) => s.concerns.length === 1 && s.escalated);
      expect(alerted.escalations.find((e) => e.topic === 'concern-raised')?.severity).toBe('urgent');
      const mail = await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.supervisors[0], subject: 'Concern raised' }), 'urgent concern alert');
      expect(mail[0]!.raw).toMatch(/trafficker-contact/);
      // The alert names who raised it: the partner that sent the report.
      expect(readableMail(mail[0]!.raw)).toContain(`Partner ${api} has raised a concern for case ${caseRef}: trafficker-contact.`);

      // A concern raised outside a report by the caseworker alerts too, and names the caseworker.
      await handle.signal(M.signals.concernRaised, event(caseworker, { kind: 'threats' as const }));
      await waitForStatus(handle, (s) => s.concerns.length === 2);
      const second = await eventually(
        () => h.mailFor(caseRef, { to: TEST_STAFF.supervisors[0], subject: 'Concern raised' }).filter((m) => readableMail(m.raw).includes(': threats.')),
        'second concern alert',
      );
      expect(readableMail(second[0]!.raw)).toMatch(/Caseworker cw-[a-z-]+ has raised a concern/);
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
      await handle.result();
    });
  });

  it('stops when she withdraws consent, keeping what was recorded before', async () => {
    await h.run({ policy: { followUpAt: { 'month-1': '1s', 'month-3': '1h', 'month-6': '2h', 'month-12': '3h' } } }, async (handle, caseRef) => {
      await returnedAndReceived(handle);
      await waitForStatus(handle, (s) => s.checkpoints[0]!.state === 'requested');
      await handle.signal(M.signals.followUpReported, event(partner(api), { checkpoint: 'month-1' as const, situation: goodReport }));
      await waitForStatus(handle, (s) => s.checkpoints[0]!.state === 'received');
      await handle.signal(M.signals.consentWithdrawn, event(partner(api), { scope: 'follow-up' as const, source: 'partner-report' as const }));
      const result = await handle.result();
      expect(result.outcome).toBe('returned-no-follow-up-consent');
      expect(result.checkpoints.map((c) => c.state)).toEqual(['received', 'stopped', 'stopped', 'stopped']);
      expect(result.consent['follow-up']?.withdrawnAt).toBeDefined();
      expect(result.timeline.some((e) => e.kind === 'followUpReported' && e.result === 'recorded')).toBe(true);
      expect(partnerRequests(h.peers.partner, 'follow-up-request', caseRef)).toHaveLength(1);
    });
  });
});
