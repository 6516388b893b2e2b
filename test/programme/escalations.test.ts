/**
 * People act on escalations and concerns: a supervisor acknowledges an escalation (who, when, what
 * will be done) and resolves it; a concern gets actions and a resolution, which resolves the alert it
 * raised; an urgent escalation nobody acts on reminds the supervisors again on the policy interval,
 * and stops once someone does.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { Escalated } from '../../domain/searchAttributes.js';
import * as M from '../../workflows/messages.js';
import { cancelAndClose, refusal } from '../support/drive.js';
import { eventually, useHarness, type Harness } from '../support/harness.js';
import { TEST_STAFF } from '../support/peers.js';
import { caseworker, event, waitForStatus } from '../support/programmes.js';

const h: Harness = useHarness();
const supervisor = { by: 'sup-test', role: 'supervisor' as const };

/** The `Escalated` search attribute as the server holds it now (describe reads the programme's own record). */
async function escalatedAttribute(handle: WorkflowHandle): Promise<boolean | undefined> {
  return (await handle.describe()).typedSearchAttributes.get(Escalated);
}

async function raiseConcern(handle: WorkflowHandle, kind: 'threats' | 'creditor-contact' | 'lost-contact', count: number): Promise<void> {
  await handle.signal(M.signals.concernRaised, event(caseworker, { kind }));
  await waitForStatus(handle, (s) => s.escalations.length === count, { what: `escalation ${count}` });
}

describe('escalations', () => {
  it('a supervisor acknowledges then resolves an escalation; escalated until none is open; refusals name the field', async () => {
    await h.run({}, async (handle) => {
      await raiseConcern(handle, 'threats', 1);
      await raiseConcern(handle, 'creditor-contact', 2);
      expect(await escalatedAttribute(handle)).toBe(true);

      const acknowledge = (fields: Record<string, unknown>) =>
        handle.executeUpdate(M.updates.acknowledgeEscalation, { args: [{ ...supervisor, escalationId: 1, action: 'safety-plan', ...fields } as never] });
      expect(await refusal(acknowledge({ by: 'cw-test', role: 'caseworker' }))).toBe('role: expected supervisor: only a supervisor acknowledges or resolves an escalation');
      expect(await refusal(acknowledge({ escalationId: 9 }))).toBe('escalationId: there is no escalation 9');
      expect(await refusal(acknowledge({ action: 'pray' }))).toMatch(/^action: expected contact-her, /);

      const acknowledged = await acknowledge({});
      let status = await handle.query(M.statusQuery);
      expect(status.escalations[0]!.acknowledged).toEqual({ by: 'supervisor:sup-test', at: acknowledged.acknowledgedAt, action: 'safety-plan' });
      expect(status.timeline.find((e) => e.kind === 'acknowledgeEscalation')).toMatchObject({ by: 'supervisor:sup-test', detail: { escalation: 1, action: 'safety-plan' } });
      // Acknowledged is not resolved: it stays escalated.
      expect([status.escalated, await escalatedAttribute(handle)]).toEqual([true, true]);
      expect(await refusal(acknowledge({}))).toBe('escalationId: escalation 1 was already acknowledged by supervisor:sup-test');

      const resolve = (escalationId: number, resolution: string) =>
        handle.executeUpdate(M.updates.resolveEscalation, { args: [{ ...supervisor, escalationId, resolution } as never] });
      expect(await refusal(resolve(1, 'forgotten'))).toMatch(/^resolution: expected she-is-safe, /);
      expect((await resolve(1, 'risk-reduced')).escalated).toBe(true);
      expect(await escalatedAttribute(handle)).toBe(true);
      expect((await resolve(2, 'unfounded')).escalated).toBe(false);
      expect(await escalatedAttribute(handle)).toBe(false);
      expect(await refusal(resolve(1, 'unfounded'))).toBe('escalationId: escalation 1 is already resolved');

      status = await handle.query(M.statusQuery);
      expect(status.escalations.map((e) => [e.id, e.resolution?.by, e.resolution?.resolution, e.resolvedAt === e.resolution?.at])).toEqual([
        [1, 'supervisor:sup-test', 'risk-reduced', true],
        [2, 'supervisor:sup-test', 'unfounded', true],
      ]);
      // Each concern ends with the escalation it raised.
      expect(status.concerns.map((c) => c.resolved?.resolution)).toEqual(['risk-reduced', 'unfounded']);
      await cancelAndClose(handle);
    });
  });

  it('a concern gets actions and a resolution, which resolves the escalation it raised', async () => {
    await h.run({}, async (handle) => {
      await raiseConcern(handle, 'threats', 1);
      const act = (concern: number, action: string) => handle.executeUpdate(M.updates.recordConcernAction, { args: [{ by: 'cw-test', concern, action } as never] });
      expect((await act(1, 'contact-partner')).actions).toBe(1);
      expect((await act(1, 'safety-plan')).actions).toBe(2);
      expect(await refusal(act(2, 'contact-her'))).toBe('concern: there is no concern 2');
      expect(await refusal(act(1, 'wait-and-see'))).toMatch(/^action: expected contact-her, /);

      const resolved = await handle.executeUpdate(M.updates.resolveConcern, { args: [{ by: 'cw-test', concern: 1, resolution: 'she-is-safe' }] });
      const status = await handle.query(M.statusQuery);
      const [concern] = status.concerns;
      expect(concern!.actions?.map((a) => [a.by, a.action])).toEqual([
        ['caseworker:cw-test', 'contact-partner'],
        ['caseworker:cw-test', 'safety-plan'],
      ]);
      expect(concern!.resolved).toEqual({ by: 'caseworker:cw-test', at: resolved.resolvedAt, resolution: 'she-is-safe' });
      expect(status.escalations[0]).toMatchObject({ resolvedAt: resolved.resolvedAt, resolution: { by: 'caseworker:cw-test', resolution: 'she-is-safe' } });
      expect([status.escalated, await escalatedAttribute(handle)]).toEqual([false, false]);
      expect(await refusal(act(1, 'shelter'))).toBe('concern: concern 1 is already resolved');
      await cancelAndClose(handle);
    });
  });

  it('an urgent escalation nobody acts on reminds the supervisors again after the interval, and stops once acknowledged', async () => {
    await h.run({ policy: { urgentReminderInterval: '2s' } }, async (handle, caseRef) => {
      await raiseConcern(handle, 'lost-contact', 1);
      const reminded = await waitForStatus(handle, (s) => (s.escalations[0]!.reminders ?? 0) >= 2, { what: 'two reminders' });
      // The first reminder comes one interval after the escalation, not before.
      const first = reminded.timeline.find((e) => e.kind === 'escalationReminded')!;
      expect(Date.parse(first.at) - Date.parse(reminded.escalations[0]!.raisedAt)).toBeGreaterThanOrEqual(2_000);
      const stillOpen = { to: TEST_STAFF.supervisors[0], subject: 'URGENT: Still not acknowledged: escalation 1' };
      await eventually(() => (h.mailFor(caseRef, stillOpen).length >= 2 ? [true] : []), 'two reminder mails');

      await handle.executeUpdate(M.updates.acknowledgeEscalation, { args: [{ ...supervisor, escalationId: 1, action: 'contact-partner' }] });
      const atAcknowledgement = (await handle.query(M.statusQuery)).escalations[0]!.reminders!;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const later = await handle.query(M.statusQuery);
      expect(later.escalations[0]!.reminders).toBe(atAcknowledgement);
      expect(later.timeline.filter((e) => e.kind === 'escalationReminded')).toHaveLength(atAcknowledgement);
      await eventually(() => (h.mailFor(caseRef, stillOpen).length === atAcknowledgement ? [true] : []), 'one mail per reminder');
      // Still escalated: acknowledged is not resolved.
      expect(later.escalated).toBe(true);
      await cancelAndClose(handle);
    });
  });
});
