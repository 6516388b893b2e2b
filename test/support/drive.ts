/**
 * Steps that drive a programme the way people do: the caseworker's commands (updates) and the
 * partner's and authorities' events (signals), each followed by waiting on the `status` query.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { expect } from 'vitest';
import { MESSAGE_TYPES } from '../../activities/partnerApi.js';
import type { z } from 'zod';
import type { EVENTS } from '../../domain/events.js';
import type { CheckpointName, PartnerMessage } from '../../domain/notifications.js';
import type { ProgrammeStatus } from '../../domain/status.js';
import * as M from '../../workflows/messages.js';
import { event, partner, returnAgency, waitForStatus, workflowTaskFailures } from './programmes.js';
import type { PartnerSimulator, ReceivedPartnerMessage } from '../../dev/partnerSimulator.js';

export async function recordAssessment(handle: WorkflowHandle): Promise<void> {
  await handle.executeUpdate(M.updates.recordAssessment, { args: [{ by: 'cw-test', riskLevel: 'medium', needs: ['housing', 'psychological'] }] });
}

/** Waits until `partnerId` has been asked (its referral request was delivered). */
export async function partnerAsked(handle: WorkflowHandle, partnerId: string): Promise<ProgrammeStatus> {
  return waitForStatus(handle, (s) => s.referral.candidates.some((c) => c.partnerId === partnerId && c.state === 'asked'), {
    what: `${partnerId} asked`,
  });
}

export async function partnerAccepts(handle: WorkflowHandle, partnerId: string): Promise<ProgrammeStatus> {
  await handle.signal(M.signals.referralAcknowledged, event(partner(partnerId), { keyContact: 'key-1', alternateContact: 'alt-1' }));
  await handle.signal(M.signals.referralAnswered, event(partner(partnerId), { answer: 'accept' as const, riskFeedback: 'agree' as const }));
  return waitForStatus(handle, (s) => s.stage === 'travel', { what: 'travel stage' });
}

export function travelIn(ms: number) {
  return { by: 'cw-test', date: new Date(Date.now() + ms).toISOString(), destination: 'OTP', escort: false, meetingPoint: 'arrivals-hall' };
}

export async function departs(handle: WorkflowHandle): Promise<ProgrammeStatus> {
  await handle.signal(M.signals.departureConfirmed, event(returnAgency, {}));
  return waitForStatus(handle, (s) => s.departedAt !== null, { what: 'departure recorded' });
}

export async function handoverConfirmed(handle: WorkflowHandle, partnerId: string): Promise<ProgrammeStatus> {
  await handle.signal(M.signals.handoverConfirmed, event(partner(partnerId), {}));
  return waitForStatus(handle, (s) => s.handover.confirmedAt !== null, { what: 'handover confirmed' });
}

/** From opening to the handover: assessed, accepted by `partnerId`, travelled and received. */
export async function returnedAndReceived(handle: WorkflowHandle, partnerId: string): Promise<void> {
  await recordAssessment(handle);
  await partnerAsked(handle, partnerId);
  await partnerAccepts(handle, partnerId);
  await handle.executeUpdate(M.updates.planTravel, { args: [travelIn(30 * 60_000)] });
  await departs(handle);
  await handoverConfirmed(handle, partnerId);
}

/** Cancels the programme and waits for it to close, without a failed workflow task on the way. */
export async function cancelAndClose(handle: WorkflowHandle): Promise<void> {
  await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
  expect((await handle.result()).outcome).toBe('cancelled');
  expect(await workflowTaskFailures(handle)).toBe(0);
}

export const goodReport = { housing: 'stable' as const, income: 'stable' as const, wellbeing: 'good' as const, inContact: true };

/** Her situation as a follow-up report gives it: per area, or in the earlier form. */
export type ReportedSituation = z.input<(typeof EVENTS)['followUpReported']['schema']>['situation'];

/** Answers each checkpoint's request as it comes, as a diligent partner does (in the earlier form unless `situationAt` says). */
export async function reportEveryCheckpoint(handle: WorkflowHandle, partnerId: string, situationAt: (checkpoint: CheckpointName) => ReportedSituation = () => goodReport): Promise<void> {
  for (const checkpoint of ['month-1', 'month-3', 'month-6', 'month-12'] as const) {
    await waitForStatus(handle, (s) => s.checkpoints.find((c) => c.name === checkpoint)?.state === 'requested', { what: `${checkpoint} requested` });
    await handle.signal(M.signals.followUpReported, event(partner(partnerId), { checkpoint, situation: situationAt(checkpoint), concerns: [] }));
  }
}

/** The partner-API requests of one message kind the simulator received (by the wire `type`), whatever it answered. */
export function partnerRequests(partners: PartnerSimulator, kind: PartnerMessage['kind'], caseRef?: string): ReceivedPartnerMessage[] {
  return partners.requests.filter((r) => r.type === MESSAGE_TYPES[kind] && (caseRef === undefined || r.data.caseRef === caseRef));
}

export function refusedEntries(status: ProgrammeStatus, kind?: string) {
  return status.timeline.filter((e) => e.result === 'refused' && (kind === undefined || e.kind === kind));
}

export function expectNoRefusals(status: ProgrammeStatus): void {
  expect(refusedEntries(status)).toEqual([]);
}

/** The programme's reason for refusing an update (the caller sees it verbatim); fails if it was accepted. */
export async function refusal(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return err.cause?.message ?? '';
    throw err;
  }
  throw new Error('expected the update to be refused, but it was accepted');
}
