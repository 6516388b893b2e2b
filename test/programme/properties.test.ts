/**
 * Property: whatever happens, in whatever order — duplicates, events for the wrong stage, malformed
 * payloads, commands out of turn — a programme never fails a workflow task, records every event it
 * accepted exactly once, and ends in a state that makes sense.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { retryUpdateRace } from '../../client/updateRace.js';
import * as M from '../../workflows/messages.js';
import { goodReport, travelIn } from '../support/drive.js';
import { useHarness } from '../support/harness.js';
import { TEST_PARTNERS } from '../support/peers.js';
import { caseworker, consent, partner, returnAgency, workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

type Sender = ReturnType<typeof partner> | typeof caseworker | typeof returnAgency;
type Action =
  | { signal: keyof typeof M.signals; sender: Sender; fields: Record<string, unknown>; repeat: boolean }
  | { update: 'recordAssessment' | 'recordConsent' | 'planTravel' | 'extendReflection' | 'assignPartner' | 'cancel' }
  | { pause: number };

const partners = fc.constantFrom(partner(TEST_PARTNERS.api), partner(TEST_PARTNERS.second), partner('tst-stranger'));
const anySender = fc.oneof(partners, fc.constant(caseworker), fc.constant(returnAgency));
const checkpoint = fc.constantFrom('month-1', 'month-3', 'month-6', 'month-12', 'month-2');

const signalAction: fc.Arbitrary<Action> = fc
  .oneof(
    fc.record({ signal: fc.constant('asylumApplied' as const), fields: fc.constant({}) }),
    fc.record({
      signal: fc.constant('asylumDecision' as const),
      fields: fc.record({ authority: fc.constantFrom('DIS', 'FLN'), decision: fc.constantFrom('rejected', 'rejected', 'convention', 'protection', 'temporary-protection') }),
    }),
    fc.record({ signal: fc.constant('caseReopened' as const), fields: fc.constant({}) }),
    fc.record({ signal: fc.constant('referralAcknowledged' as const), fields: fc.constant({ keyContact: 'k-1', alternateContact: 'a-1' }) }),
    fc.record({ signal: fc.constant('referralAnswered' as const), fields: fc.record({ answer: fc.constantFrom('accept', 'accept', 'decline') }) }),
    fc.record({ signal: fc.constant('departureConfirmed' as const), fields: fc.constant({}) }),
    fc.record({ signal: fc.constant('handoverConfirmed' as const), fields: fc.constant({}) }),
    fc.record({ signal: fc.constant('followUpReported' as const), fields: fc.record({ checkpoint, situation: fc.constant(goodReport) }) }),
    fc.record({ signal: fc.constant('concernRaised' as const), fields: fc.record({ kind: fc.constantFrom('threats', 'lost-contact', 'worry') }) }),
    fc.record({ signal: fc.constant('personMissing' as const), fields: fc.record({ state: fc.constantFrom('missing', 'found') }) }),
    fc.record({
      signal: fc.constant('consentWithdrawn' as const),
      fields: fc.record({ scope: fc.constantFrom('participation', 'sharing', 'follow-up'), source: fc.constant('in-person') }),
    }),
  )
  .chain((s) => fc.record({ signal: fc.constant(s.signal), fields: fc.constant(s.fields), sender: anySender, repeat: fc.boolean() }));

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: signalAction },
  {
    weight: 3,
    arbitrary: fc.record({
      update: fc.constantFrom('recordAssessment', 'recordConsent', 'planTravel', 'extendReflection', 'assignPartner', 'recordAssessment', 'planTravel'),
    }) as fc.Arbitrary<Action>,
  },
  { weight: 1, arbitrary: fc.record({ pause: fc.integer({ min: 100, max: 1500 }) }) },
  { weight: 1, arbitrary: fc.constant({ update: 'cancel' as const }) },
);

const updates = {
  recordAssessment: () => handleUpdate(M.updates.recordAssessment, { by: 'cw-test', riskLevel: 'high', needs: ['protection'] }),
  recordConsent: () => handleUpdate(M.updates.recordConsent, { scope: 'follow-up', consent: consent() }),
  planTravel: () => handleUpdate(M.updates.planTravel, travelIn(20 * 60_000)),
  extendReflection: () => handleUpdate(M.updates.extendReflection, { by: 'cw-test', until: new Date(Date.now() + 2 * 3_600_000).toISOString() }),
  assignPartner: () => handleUpdate(M.updates.assignPartner, { by: 'cw-test', partnerId: TEST_PARTNERS.second }),
  cancel: () => handleUpdate(M.updates.cancel, { by: 'cw-test', reason: 'other' }),
};
function handleUpdate(definition: unknown, arg: unknown) {
  return (handle: WorkflowHandle) => handle.executeUpdate(definition as typeof M.updates.cancel, { args: [arg as never] });
}

/** Runs one action; false when the programme has ended and no more can be sent. */
async function perform(handle: WorkflowHandle, a: Action, sent: string[], previous: Array<{ signal: string; body: object }>): Promise<boolean> {
  try {
    if ('pause' in a) {
      await new Promise((resolve) => setTimeout(resolve, a.pause));
    } else if ('update' in a) {
      // Sent again when it raced another event in the same workflow task, as the client does.
      await retryUpdateRace(() => updates[a.update]()(handle)).catch((err: unknown) => {
        if (err instanceof WorkflowUpdateFailedError) return; // refused by the programme
        throw err;
      });
    } else {
      const repeat = a.repeat ? previous.at(-1) : undefined;
      const signal = repeat?.signal ?? a.signal;
      const body = repeat?.body ?? { eventId: `prop-${randomUUID()}`, at: new Date().toISOString(), sender: a.sender, ...a.fields };
      await handle.signal(M.signals[signal as keyof typeof M.signals], body as never);
      if (!repeat) {
        sent.push((body as { eventId: string }).eventId);
        previous.push({ signal, body });
      }
    }
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || /completed/.test(String(err))) return false;
    throw err;
  }
}

/** Fails with `what()` instead of hanging when a step does not finish in time. */
async function withinSeconds<T>(seconds: number, step: Promise<T>, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), seconds * 1000);
  });
  try {
    return await Promise.race([step, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('any sequence of events', () => {
  it('never fails a workflow task, records each accepted event once, and ends consistently', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 25 }), async (actions) => {
        const started = Date.now();
        await h.run(
          {
            policy: {
              reflectionPeriod: '20s',
              referralResponseWindow: '3s',
              handoverWindow: '2s',
              missingClosure: '3s',
              followUpAt: { 'month-1': '1s', 'month-3': '2s', 'month-6': '3s', 'month-12': '4s' },
              followUpReportWindow: '2s',
            },
          },
          async (handle) => {
            const sent: string[] = [];
            const previous: Array<{ signal: string; body: object }> = [];
            let open = true;
            for (const a of [...actions, { update: 'cancel' as const }]) {
              open = await withinSeconds(30, perform(handle, a, sent, previous), () => `action ${JSON.stringify(a)} did not finish`);
              if (!open) break;
            }
            const result = await withinSeconds(60, handle.result(), () => 'programme did not close').catch(async (err: unknown) => {
              const status = await handle.query(M.statusQuery);
              const recent = status.timeline.slice(-12).map((e) => `${e.kind}:${e.result}${e.reason ? `(${e.reason})` : ''}`);
              throw new Error(`${String(err)}: stage ${status.stage}, timeline …${recent.join(', ')}`);
            });

            expect(await workflowTaskFailures(handle)).toBe(0);
            expect(result.stage).toBe('closed');
            // Every event the server accepted is in the timeline exactly once (recorded or refused).
            for (const id of sent) expect(result.timeline.filter((e) => e.eventId === id)).toHaveLength(1);
            // Residence granted means she never left; she was never received without having left.
            if (result.outcome === 'residence-granted') expect(result.departedAt).toBeNull();
            if (result.handover.confirmedAt !== null) expect(result.departedAt).not.toBeNull();
            // Follow-up reports only after a handover, and only with consent.
            if (result.checkpoints.some((c) => c.state === 'received')) {
              expect(result.handover.confirmedAt).not.toBeNull();
              expect(result.consent['follow-up']).not.toBeNull();
            }
            // Nothing is sent to partners without consent to share: only partners asked can be accepted.
            for (const c of result.referral.candidates) if (c.state === 'accepted') expect(c.askedAt).toBeDefined();
            // Every refused entry says why.
            for (const e of result.timeline) if (e.result === 'refused') expect(e.reason).toBeTruthy();
          },
        );
        if (Date.now() - started > 20_000) console.warn(`slow run (${Date.now() - started} ms): ${JSON.stringify(actions)}`);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 12), endOnFailure: true, ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED), path: process.env.PROPERTY_PATH } : {}) },
    );
  }, 600_000);
});
