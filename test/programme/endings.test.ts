/**
 * Endings before departure: missing beyond the closure window (absconded, with an urgent alert),
 * found again in time (the programme goes on), and her withdrawal from the programme (declined:
 * participation is voluntary). The partner preparing to receive her is told the return is off.
 */
import { describe, expect, it } from 'vitest';
import * as M from '../../workflows/messages.js';
import { partnerAccepts, partnerAsked, partnerRequests, recordAssessment } from '../support/drive.js';
import { eventually, useHarness } from '../support/harness.js';
import { TEST_PARTNERS, TEST_STAFF } from '../support/peers.js';
import { caseworker, event, waitForStatus, workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

describe('a person reported missing', () => {
  it('not found within the closure window closes the programme as absconded, with an urgent alert', async () => {
    await h.run({ policy: { missingClosure: '2s' } }, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.api);
      await partnerAccepts(handle, TEST_PARTNERS.api);
      await handle.signal(M.signals.personMissing, event(caseworker, { state: 'missing' as const }));
      const result = await handle.result();
      expect(result.outcome).toBe('absconded');
      expect(result.escalations.find((e) => e.topic === 'absconded')?.severity).toBe('urgent');
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.supervisors[0], subject: 'Missing' }), 'urgent alert');
      const cancelled = partnerRequests(h.peers.partner, 'return-cancelled', caseRef);
      expect(cancelled.map((r) => JSON.parse(r.body).data.reason)).toEqual(['absconded']);
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });

  it('found again within the window keeps the programme going', async () => {
    await h.run({ policy: { missingClosure: '3s' } }, async (handle) => {
      await handle.signal(M.signals.personMissing, event(caseworker, { state: 'missing' as const }));
      await waitForStatus(handle, (s) => s.missingSince !== null && s.deadlines.some((d) => d.key === 'missing'));
      await handle.signal(M.signals.personMissing, event(caseworker, { state: 'found' as const }));
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const status = await handle.query(M.statusQuery);
      expect(status.stage).toBe('reflection');
      expect(status.missingSince).toBeNull();
      expect(status.outcome).toBeNull();
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
    });
  });
});

describe('withdrawing from the programme', () => {
  it('before departure ends it as declined and tells the partner', async () => {
    await h.run({}, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, TEST_PARTNERS.api);
      await handle.signal(M.signals.consentWithdrawn, event(caseworker, { scope: 'participation' as const, source: 'in-person' as const }));
      const result = await handle.result();
      expect(result.outcome).toBe('declined');
      expect(result.consent.participation?.withdrawnAt).toBeDefined();
      expect(partnerRequests(h.peers.partner, 'return-cancelled', caseRef).map((r) => JSON.parse(r.body).data.reason)).toEqual(['declined']);
    });
  });
});
