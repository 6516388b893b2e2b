/**
 * A message the worker cannot read refuses the message, never the programme: an unencrypted signal
 * and an unencrypted update sent straight to Temporal reach a worker in production mode (every
 * payload must be encrypted). The signal is recorded as refused with the reason, the update is
 * refused, and the programme goes on taking commands and answering `status`.
 */
import { Client } from '@temporalio/client';
import { describe, expect, inject, it } from 'vitest';
import * as M from '../../workflows/messages.js';
import { recordAssessment } from '../support/drive.js';
import { useHarness } from '../support/harness.js';
import { caseworker, event, waitForStatus, workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

describe('a payload the worker cannot read', () => {
  it('is refused as a message; the programme goes on', async () => {
    await h.run({}, async (handle) => {
      await waitForStatus(handle, (s) => s.timeline.length > 0, { what: 'the opened programme' });
      // A client without the codec: its payloads reach Temporal as plain JSON.
      const plain = new Client({ connection: h.env.client.connection, namespace: inject('temporalNamespace') }).workflow.getHandle(handle.workflowId);
      await plain.signal(M.signals.concernRaised, event(caseworker, { kind: 'threats' as const }));
      const update = plain.executeUpdate(M.updates.recordPlan, { args: [{ by: 'cw-test', elements: ['housing'] }] });
      const failure = await update.then(() => undefined, (err: unknown) => err);
      // Refused; its reason is encrypted like every failure, so this client cannot even read why.
      expect(failure).toBeInstanceOf(Error);
      expect(String((failure as Error).message)).toMatch(/Unknown encoding: binary\/encrypted/);

      const status = await waitForStatus(handle, (s) => s.timeline.some((e) => e.kind === 'concernRaised'), { what: 'the refused signal' });
      expect(status.timeline.find((e) => e.kind === 'concernRaised')).toMatchObject({
        by: 'unknown',
        result: 'refused',
        reason: 'payload: could not be read (an unencrypted payload was refused: outside development every payload must be encrypted)',
      });
      expect(status.concerns).toEqual([]);
      expect(status.plan).toBeNull();

      // Commands and events through the codec still work.
      await recordAssessment(handle);
      await handle.signal(M.signals.concernRaised, event(caseworker, { kind: 'threats' as const }));
      const after = await waitForStatus(handle, (s) => s.concerns.length === 1 && s.assessment !== null, { what: 'the readable concern and assessment' });
      expect(after.concerns[0]!.kind).toBe('threats');
      expect(await workflowTaskFailures(handle)).toBe(0);
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'opened-in-error' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
    });
  });
});
