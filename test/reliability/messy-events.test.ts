/**
 * Scenario 5: partners' systems that misbehave within the rules of the gateway's schema. Every event
 * is delivered twice (same webhook-id and body), some come out of order (the answer before the
 * acknowledgement, a handover before the departure), some late (a redelivery long after, an event
 * dated years back), and some are poison: well-formed but impossible for the programme (a report for
 * month 12 before the handover, "found" for someone never missing, a payload that skips the gateway
 * and breaks the contract). Each is recorded once, as recorded or refused, and nothing crashes.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { goodReport } from '../support/drive.js';
import * as M from '../../workflows/messages.js';
import type { SentEvent } from './support/eventChannels.js';
import { CHECKPOINTS, type ProgrammeRun } from './support/programmeRun.js';
import { useScenario } from './support/scenario.js';
import { RETURN_AGENCY } from './support/stack.js';

const scenario = useScenario('5-duplicate-late-poison');

describe('duplicate, late, out-of-order and poison events', () => {
  it('records each once, refuses the impossible ones and completes every programme', async () => {
    await scenario.begin({ queue: 'messy', events: 'gateway', programmes: 10, budgetMs: 200_000 });
    const systemOf = (id: string) => scenario.systems[id]!;
    let redeliveries = 0;
    let conflicts = 0;
    let afterClosure = 0;

    /** Sends through the gateway, then redelivers the very same request: the programme keeps one. */
    const twice = async (run: ProgrammeRun, name: SentEvent['name'], from: 'partner' | 'agency', fields: Record<string, unknown>, expect: SentEvent['expect'] = 'recorded', at = new Date().toISOString()) => {
      const system = systemOf(from === 'partner' ? run.partnerId : RETURN_AGENCY);
      const type = { referralAcknowledged: 'referral.acknowledged', referralAnswered: 'referral.answered', handoverConfirmed: 'handover.confirmed', followUpReported: 'follow-up.reported', concernRaised: 'concern.raised', departureConfirmed: 'departure.confirmed', personMissing: 'person.missing' }[name as string];
      const body = JSON.stringify({ type, data: { caseRef: run.caseRef, at, ...fields } });
      const first = await system.deliver(body);
      const again = await system.deliver(body, { webhookId: first.webhookId });
      redeliveries += 1;
      // The event that completes a programme closes it: its redelivery is confirmed (202), as the gateway finds it recorded.
      const redelivered = again.status === 202;
      if (first.status !== 202 || !redelivered || again.eventId !== first.eventId) throw new Error(`${type}: answered ${first.status} then ${again.status}`);
      run.sent.push({ caseRef: run.caseRef, name, eventId: first.eventId, expect });
      return { system, body, webhookId: first.webhookId };
    };

    const driving = scenario.drive(async (run) => {
      await run.update(M.updates.recordAssessment, 'assessment', { by: 'cw-test', riskLevel: 'high', needs: ['housing'] });
      await run.waitForDelivery('referral-request');
      // Poison that passes the schema: she was never reported missing; a report long before its time.
      await twice(run, 'personMissing', 'agency', { state: 'found' }, 'refused');
      // Out of order: the answer overtakes the acknowledgement, which then finds no open referral.
      await twice(run, 'referralAnswered', 'partner', { answer: 'accept', riskFeedback: 'higher' });
      const ack = await twice(run, 'referralAcknowledged', 'partner', { keyContact: 'key-1', alternateContact: 'alt-1' }, 'refused');
      await run.waitForStage('travel');
      await twice(run, 'followUpReported', 'partner', { checkpoint: 'month-12', situation: goodReport, concerns: [] }, 'refused');
      // Poison that skips the gateway: a signal that breaks the contract is kept as refused.
      const poisonId = `evt-poison-${randomUUID()}`;
      await run.handle.signal(M.signals.referralAnswered, { eventId: poisonId, answer: 'maybe' } as never);
      run.sent.push({ caseRef: run.caseRef, name: 'referralAnswered', eventId: poisonId, expect: 'refused' });

      await run.update(M.updates.planTravel, 'travel', { by: 'cw-test', date: new Date(Date.now() + 30 * 60_000).toISOString(), destination: 'OTP', escort: false, meetingPoint: 'arrivals-hall' });
      await run.waitForDelivery('arrival-notice');
      // Out of order: the handover is confirmed before the departure is.
      await twice(run, 'handoverConfirmed', 'partner', {}, 'refused');
      await twice(run, 'departureConfirmed', 'agency', {});
      await run.waitFor((st) => st.departedAt !== null, 'the departure');
      // The Return Agency's system sends the departure again under a new webhook-id.
      await twice(run, 'departureConfirmed', 'agency', {}, 'refused');
      await twice(run, 'handoverConfirmed', 'partner', {});
      // Late: a redelivery of the acknowledgement long after, and a concern dated years back (refused: before the programme opened).
      await ack.system.deliver(ack.body, { webhookId: ack.webhookId });
      // An event dated before the programme opened is a mistake: the gateway refuses it (400, data.at).
      const misdated = await systemOf(run.partnerId).deliver(JSON.stringify({ type: 'concern.raised', data: { caseRef: run.caseRef, at: '2001-01-01T00:00:00Z', kind: 'other' } }));
      if (misdated.status !== 400) throw new Error(`a concern dated 2001 was answered ${misdated.status}`);
      // A webhook-id reused for another body is refused at the gateway and never reaches the programme.
      const reused = await ack.system.deliver(ack.body.replace('key-1', 'key-2'), { webhookId: ack.webhookId });
      if (reused.status !== 409) throw new Error(`a reused webhook-id was answered ${reused.status}`);
      conflicts += 1;
      for (const checkpoint of CHECKPOINTS) {
        await run.waitForDelivery('follow-up-request', checkpoint);
        await twice(run, 'followUpReported', 'partner', { checkpoint, situation: goodReport, concerns: checkpoint === 'month-3' ? ['threats'] : [] });
      }
      await run.awaitResult();
      // Late beyond the end: the gateway answers 410 and the closed programme is untouched.
      const late = await systemOf(run.partnerId).deliver(JSON.stringify({ type: 'concern.raised', data: { caseRef: run.caseRef, at: new Date().toISOString(), kind: 'other' } }));
      if (late.status !== 410) throw new Error(`an event after closure was answered ${late.status}`);
      afterClosure += 1;
    });

    const errors = await driving;
    expect(errors, 'every programme was driven to its end').toEqual([]);
    expect(redeliveries).toBeGreaterThan(0);
    const { runs } = scenario;
    expect(conflicts).toBe(runs.length);
    expect(afterClosure).toBe(runs.length);
    for (const run of runs) expect(run.result?.duplicatesIgnored, `${run.caseRef}: redeliveries ignored`).toBeGreaterThanOrEqual(10);
    await scenario.checkFigures(`each event delivered twice; ${runs.length * 6} out-of-order, late or poison events; ${conflicts} reused webhook-ids (409); ${afterClosure} after closure (410)`, errors);
  });
});
