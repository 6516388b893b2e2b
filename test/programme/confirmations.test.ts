/**
 * An event can be wrong; the programme must not be ended by a typo. An outside event that would end
 * or skip a phase (a departure with no travel planned, a missing report) is recorded and put to the
 * caseworker, who confirms or rejects it within the policy window (the supervisor is told when
 * nobody decides); a mistaken concern or missing report is corrected, kept in the timeline.
 */
import { describe, expect, it } from 'vitest';
import * as M from '../../workflows/messages.js';
import { refusal } from '../support/drive.js';
import { eventually, useHarness } from '../support/harness.js';
import { readableMail } from '../support/mailText.js';
import { TEST_STAFF } from '../support/peers.js';
import { caseworker, event, returnAgency, waitForStatus, workflowTaskFailures } from '../support/programmes.js';
import { uniqueTaskQueue } from '../support/temporal.js';
import { cliFor } from '../client/runCli.js';

const h = useHarness();

describe('outside events that would end or skip a phase', () => {
  it('wait for the caseworker to confirm or reject them; mistakes are corrected and kept', async () => {
    const cli = cliFor(uniqueTaskQueue('cli-confirm'));
    await h.run({ policy: { eventConfirmationWindow: '15s' } }, async (handle, caseRef) => {
      await waitForStatus(handle, (s) => s.timeline.length > 0, { what: 'the opened programme' });

      // The Return Agency reports a departure while nothing was planned: recorded, not applied.
      await handle.signal(M.signals.departureConfirmed, event(returnAgency, {}));
      const pending = await waitForStatus(handle, (s) => (s.eventsToConfirm?.length ?? 0) === 1, { what: 'a departure to confirm' });
      const departure = pending.eventsToConfirm![0]!;
      expect(departure).toMatchObject({ kind: 'departureConfirmed', by: 'return-agency:ra-duty', state: 'pending' });
      expect(pending.timeline[departure.seq - 1]).toMatchObject({ kind: 'departureConfirmed', result: 'recorded' });
      expect(pending).toMatchObject({ departedAt: null, stage: 'reflection' });
      expect(pending.deadlines.map((d) => d.key)).toContain(`confirm-${departure.seq}`);

      // The caseworker is asked by mail, and the command the mail prints works.
      const [mail] = await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.caseworkerEn.email, subject: 'To confirm' }), 'the confirmation mail');
      const printed = /prepared-return (confirm-event \S+ --seq \d+)/.exec(readableMail(mail!.raw))?.[1];
      expect(printed).toBe(`confirm-event ${caseRef} --seq ${departure.seq}`);
      const rejected = await cli(...printed!.split(' '), '--reject');
      expect(rejected.stderr).toBe('');
      expect(rejected.stdout).toContain(`Entry ${departure.seq} of ${caseRef} rejected.`);
      const afterReject = await waitForStatus(handle, (s) => s.eventsToConfirm?.[0]?.state === 'rejected', { what: 'the rejection' });
      expect(afterReject.corrections).toEqual([expect.objectContaining({ seq: departure.seq, kind: 'departureConfirmed', by: 'caseworker:cw-test', reason: 'rejected' })]);
      expect(afterReject.departedAt).toBeNull();
      expect(await refusal(handle.executeUpdate(M.updates.confirmEvent, { args: [{ by: 'cw-test', seq: departure.seq, decision: 'confirm' }] }))).toBe(
        `seq: entry ${departure.seq} is not an event waiting for confirmation`,
      );

      // A missing report from outside: confirmed, then found to be about another case and corrected.
      await handle.signal(M.signals.personMissing, event(returnAgency, { state: 'missing' as const }));
      const missing = (await waitForStatus(handle, (s) => (s.eventsToConfirm?.length ?? 0) === 2, { what: 'a missing report to confirm' })).eventsToConfirm![1]!;
      expect((await handle.query(M.statusQuery)).missingSince).toBeNull();
      await handle.executeUpdate(M.updates.confirmEvent, { args: [{ by: 'cw-test', seq: missing.seq, decision: 'confirm' }] });
      expect((await handle.query(M.statusQuery)).missingSince).toBe(missing.happenedAt);
      await handle.executeUpdate(M.updates.correctEvent, { args: [{ by: 'cw-test', seq: missing.seq, reason: 'wrong-case' }] });
      expect((await handle.query(M.statusQuery)).missingSince).toBeNull();

      // A concern entered on the wrong case: corrected, its escalation resolved, still in the timeline.
      await handle.signal(M.signals.concernRaised, event(caseworker, { kind: 'threats' as const }));
      const concerned = await waitForStatus(handle, (s) => s.concerns.length === 1 && s.escalated, { what: 'the concern escalated' });
      const concernEntry = concerned.timeline.find((e) => e.kind === 'concernRaised')!;
      await handle.executeUpdate(M.updates.correctEvent, { args: [{ by: 'cw-test', seq: concernEntry.seq, reason: 'wrong-case' }] });
      const corrected = await handle.query(M.statusQuery);
      expect(corrected.concerns[0]!.correctedAt).toBeDefined();
      expect(corrected.escalated).toBe(false);
      expect(corrected.timeline.filter((e) => e.kind === 'concernRaised')).toHaveLength(1);
      expect(await refusal(handle.executeUpdate(M.updates.correctEvent, { args: [{ by: 'cw-test', seq: 1, reason: 'other' }] }))).toBe('seq: entry 1 is not an outside event');

      // Nobody decides within the window: the supervisor is told.
      await handle.signal(M.signals.departureConfirmed, event(returnAgency, {}));
      const undecided = await waitForStatus(handle, (s) => s.escalations.some((e) => e.topic === 'event-to-confirm'), { what: 'the undecided event escalated', timeoutMs: 30_000 });
      expect(undecided.eventsToConfirm![2]!.state).toBe('pending');
      expect(undecided.departedAt).toBeNull();
      await eventually(() => h.mailFor(caseRef, { to: TEST_STAFF.supervisors[0], subject: 'To confirm' }), 'the supervisor told');

      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'opened-in-error' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  }, 120_000);
});
