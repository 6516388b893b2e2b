/**
 * One programme the whole way, as people and systems drive it: the caseworker's commands (updates
 * through the client), the partner's answers (signed events through the gateway, sent when the
 * partner's API receives our message), the departure confirmed by the caseworker. Nothing polls the
 * programme: each step waits for what the programme sent out.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { openProgramme } from '../client/openProgramme.js';
import type { PartnerSimulator } from '../dev/partnerSimulator.js';
import type { ProgrammeResult } from '../domain/status.js';
import * as M from '../workflows/messages.js';
import { programmeInput } from './programmeInput.js';
import { CASEWORKER_ID, PARTNER_ID, QUEUES } from './stack.js';

const CHECKPOINTS = ['month-1', 'month-3', 'month-6', 'month-12'] as const;
const by = CASEWORKER_ID;

export async function runProgramme(client: Client, partner: PartnerSimulator, caseRef: string): Promise<WorkflowHandle> {
  const { handle } = await openProgramme(client, programmeInput(caseRef), { taskQueue: QUEUES.programmes });
  const system = partner.systemOf(PARTNER_ID);
  try {
    await handle.executeUpdate(M.updates.recordAssessment, { args: [{ by, riskLevel: 'medium', needs: ['housing', 'psychological'] }] });

    await partner.received({ caseRef, type: 'referral.requested' });
    await system.send('referral.acknowledged', { caseRef, keyContact: 'key-1', alternateContact: 'alt-1' });
    await system.send('referral.answered', { caseRef, answer: 'accept', riskFeedback: 'agree' });

    await handle.executeUpdate(M.updates.recordPlan, { args: [{ by, elements: ['housing', 'employment'] }] });
    await planTravel(handle);
    await partner.received({ caseRef, type: 'arrival.notice' });
    await handle.signal(M.signals.departureConfirmed, { eventId: `evt-${randomUUID()}`, at: new Date().toISOString(), sender: { role: 'caseworker', id: by } });
    await system.send('handover.confirmed', { caseRef });

    for (const checkpoint of CHECKPOINTS) {
      await partner.received({ caseRef, type: 'follow-up.requested', checkpoint });
      await system.send('follow-up.reported', {
        caseRef,
        checkpoint,
        situation: { housing: 'stable', income: 'stable', wellbeing: 'good', inContact: true },
        concerns: [],
      });
    }
    const result = (await handle.result()) as ProgrammeResult;
    if (result.outcome !== 'returned-followed-up') throw new Error(`${caseRef} closed as ${result.outcome}, expected returned-followed-up`);
    return handle;
  } finally {
    partner.forget(caseRef);
  }
}

/**
 * The partner's acceptance is a signal the gateway delivered before this update was sent; should the
 * programme not have taken it in yet, the update is refused with that reason and sent again.
 */
async function planTravel(handle: WorkflowHandle): Promise<void> {
  const travel = { by, date: new Date(Date.now() + 10 * 60_000).toISOString(), destination: 'OTP', escort: false, meetingPoint: 'arrivals-hall' };
  for (let attempt = 1; ; attempt++) {
    try {
      await handle.executeUpdate(M.updates.planTravel, { args: [travel] });
      return;
    } catch (err) {
      const notYet = err instanceof WorkflowUpdateFailedError && /no partner has accepted/.test(err.cause?.message ?? '');
      if (!notYet || attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
