/**
 * Follow-up (docs/design.md §2.6), the heart of the product: with her consent, the receiving partner is
 * asked for a report at 1, 3, 6 and 12 months after the handover. Each checkpoint asks, reminds at
 * half-window, and records the report or a miss (escalated). Withdrawn consent stops follow-up and
 * is recorded; nothing earlier is deleted.
 */
import { addMs } from '../domain/durations.js';
import type { Outcome } from '../domain/outcomes.js';
import type { Checkpoint } from '../domain/status.js';
import { note, publish, setStage, until, withDeadline, type ProgrammeContext } from './context.js';
import { escalate, tellPartner } from './outreach.js';
import { acceptedPartner, hasConsent } from './rules.js';

export async function followUp(ctx: ProgrammeContext): Promise<Outcome> {
  const { state, input } = ctx;
  setStage(ctx, 'follow-up');
  const handoverAt = state.handover.confirmedAt!;
  for (const checkpoint of state.checkpoints) {
    checkpoint.dueAt = addMs(handoverAt, input.policy.followUpAt[checkpoint.name]);
    checkpoint.reportBy = addMs(checkpoint.dueAt, input.policy.followUpReportWindow);
  }
  publish(ctx);

  for (const checkpoint of state.checkpoints) {
    if (!hasConsent(state, 'follow-up')) return stopFollowUp(ctx);
    await runCheckpoint(ctx, checkpoint);
  }
  if (!hasConsent(state, 'follow-up') && state.checkpoints.some((c) => c.state !== 'received')) return stopFollowUp(ctx);
  return state.checkpoints.every((c) => c.state === 'received') ? 'returned-followed-up' : 'returned-follow-up-incomplete';
}

async function runCheckpoint(ctx: ProgrammeContext, checkpoint: Checkpoint): Promise<void> {
  const { state, input } = ctx;
  const partnerId = acceptedPartner(state)!.partnerId;
  const reported = (): boolean => checkpoint.state === 'received';
  const withdrawn = (): boolean => !hasConsent(state, 'follow-up');
  const dueAt = checkpoint.dueAt!;
  const reportBy = checkpoint.reportBy!;

  // A report may come early; otherwise ask on the day.
  await withDeadline(ctx, { key: 'follow-up', at: dueAt, what: `${checkpoint.name} follow-up request` }, () =>
    until(dueAt, () => reported() || withdrawn(), `Wait for ${checkpoint.name} checkpoint`),
  );
  if (reported() || withdrawn()) return;

  checkpoint.state = 'requested';
  await tellPartner(ctx, { kind: 'follow-up-request', partnerId, caseRef: input.caseRef, checkpoint: checkpoint.name, reportBy }, `${checkpoint.name} report request → ${partnerId}`);
  const reminderAt = addMs(dueAt, Math.floor(input.policy.followUpReportWindow / 2));
  await withDeadline(ctx, { key: 'follow-up', at: reportBy, what: `${checkpoint.name} report from ${partnerId}` }, async () => {
    if (!(await until(reminderAt, () => reported() || withdrawn(), `${checkpoint.name} half-window`))) {
      await tellPartner(ctx, { kind: 'follow-up-reminder', partnerId, caseRef: input.caseRef, checkpoint: checkpoint.name, reportBy }, `${checkpoint.name} reminder → ${partnerId}`);
    }
    await until(reportBy, () => reported() || withdrawn(), `${checkpoint.name} report`);
  });
  if (reported() || withdrawn()) return;

  checkpoint.state = 'missed';
  note(ctx, 'checkpointMissed', { checkpoint: checkpoint.name });
  escalate(ctx, 'follow-up-missed', 'escalation', { checkpoint: checkpoint.name, partnerId }, reportBy);
}

/** Consent withdrawn (or never given): the remaining checkpoints stop; the record stays. */
function stopFollowUp(ctx: ProgrammeContext): Outcome {
  const stopped = ctx.state.checkpoints.filter((c) => c.state === 'scheduled' || c.state === 'requested');
  for (const checkpoint of stopped) checkpoint.state = 'stopped';
  if (stopped.length) note(ctx, 'followUpStopped', { checkpoints: stopped.map((c) => c.name) });
  return ctx.state.checkpoints.every((c) => c.state === 'received') ? 'returned-followed-up' : 'returned-no-follow-up-consent';
}
