/**
 * Which timeline entries are milestones of the evaluation ledger, and what their record says.
 * Read from the entry the programme has just recorded and the state right after it, so the
 * ledger follows the timeline without a second bookkeeping. Pure: the workflow calls it.
 *
 *   opened · consent given / withdrawn · referral asked / answered (or unanswered) · travel planned
 *   · departed · handover · checkpoint requested / reported (with her situation per area) / missed
 *   · follow-up stopped · concern raised · escalation raised / acknowledged / resolved (with how) · closed
 *
 * What each record's codes say is written out in record.ts. A milestone added later
 * (`escalation-acknowledged`) is written only under its own patch (workflows/ledger.ts): a programme
 * that recorded such an entry before replays without the record.
 */
import type { ProgrammeStatus, TimelineEntry } from '../status.js';
import type { LedgerMilestone } from './record.js';
import { situationCodes } from './situationCodes.js';

export interface Milestone {
  milestone: Exclude<LedgerMilestone, 'offer-declined'>;
  code: string | null;
  severity: 'escalation' | 'urgent' | null;
  /** The partner the milestone concerns, when it is not the programme's partner (a referral). */
  partner?: string;
  /** When it happened, when that is not when the timeline recorded it (a referral is asked before its delivery is recorded). */
  at?: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The milestone a timeline entry is, if any. `countsRelayed` says whether answers recorded on a
 * partner's behalf count (the workflow asks its patch: programmes that ran before did not count them).
 */
export function milestoneOf(entry: TimelineEntry, state: ProgrammeStatus, countsRelayed: () => boolean = () => true): Milestone | null {
  if (entry.result !== 'recorded') return null;
  const detail = entry.detail ?? {};
  const at = (m: Milestone['milestone'], code: string | null = null, extra: Partial<Milestone> = {}): Milestone => ({ milestone: m, code, severity: null, ...extra });
  const happenedAt = str(detail.happenedAt);
  const sender = entry.by.startsWith('partner:') ? entry.by.slice('partner:'.length) : undefined;

  switch (entry.kind) {
    case 'opened':
      return at('opened');
    case 'recordConsent':
      return at('consent-given', str(detail.scope) ?? null);
    case 'consentWithdrawn': {
      // The handler stamps the withdrawn consent with the event's time.
      const scope = (['participation', 'sharing', 'follow-up'] as const).find((s) => state.consent[s]?.withdrawnAt === happenedAt);
      return at('consent-withdrawn', scope ?? null);
    }
    case 'partnerContacted':
    case 'partnerUnreachable': {
      const partner = str(detail.partnerId);
      const delivered = entry.kind === 'partnerContacted';
      if (detail.message === 'referral-request') {
        // Asked when the request left; a partner may even have answered before its delivery was recorded.
        const askedAt = state.referral.candidates.find((c) => c.partnerId === partner)?.askedAt;
        return at('referral-asked', delivered ? 'delivered' : 'undeliverable', { ...(partner ? { partner } : {}), ...(askedAt ? { at: askedAt } : {}) });
      }
      if (detail.message === 'follow-up-request') {
        // The checkpoint asked about is the latest one due; its report may already be in (the
        // partner answered before the delivery was recorded), so its state cannot tell.
        const due = state.checkpoints.filter((c) => c.dueAt !== null && Date.parse(c.dueAt) <= Date.parse(entry.at));
        const asked = due[due.length - 1];
        return asked ? at('checkpoint-requested', asked.name) : null;
      }
      return null;
    }
    case 'referralAnswered': {
      // An answer a caseworker recorded on the partner's behalf is that partner's answer too.
      const relayed = str(detail.onBehalfOf)?.replace(/^partner:/, '');
      const partner = sender ?? (relayed !== undefined && countsRelayed() ? relayed : undefined);
      const candidate = state.referral.candidates.find((c) => c.partnerId === partner);
      if (!candidate || (candidate.state !== 'accepted' && candidate.state !== 'declined')) return null;
      return at('referral-answered', candidate.state === 'accepted' ? 'accept' : 'decline', { partner: candidate.partnerId });
    }
    case 'referralUnanswered': {
      const partner = str(detail.partnerId);
      return at('referral-answered', 'no-answer', partner ? { partner } : {});
    }
    case 'planTravel':
      return at('travel-planned');
    case 'departed':
      return at('departed');
    case 'handoverConfirmed': {
      const { confirmedAt, dueBy } = state.handover;
      return at('handover', dueBy !== null && confirmedAt !== null && Date.parse(confirmedAt) > Date.parse(dueBy) ? 'late' : 'in-window');
    }
    case 'followUpReported': {
      const checkpoint = state.checkpoints.find((c) => c.state === 'received' && c.reportedAt === happenedAt);
      if (!checkpoint) return null;
      const situation = checkpoint.report?.form === 'areas' ? situationCodes(checkpoint.report.situation) : [];
      return at('checkpoint-reported', [checkpoint.name, ...situation].join(','));
    }
    case 'checkpointMissed':
      return at('checkpoint-missed', str(detail.checkpoint) ?? null);
    case 'followUpStopped':
      return at('follow-up-stopped', Array.isArray(detail.checkpoints) ? detail.checkpoints.join(',') : null);
    case 'escalated': {
      const topic = str(detail.topic) ?? null;
      const severity = detail.severity === 'urgent' ? 'urgent' : 'escalation';
      // A concern always raises an escalation: the concern's kind is the one just recorded.
      if (topic === 'concern-raised') return at('concern-raised', state.concerns[state.concerns.length - 1]?.kind ?? null, { severity });
      return at('escalation', topic, { severity });
    }
    case 'escalationResolved': {
      // One escalation by its number (a supervisor or its concern resolved it), with how it ended;
      // or all open on the topic (what the programme waited for came after all).
      const topic = str(detail.topic) ?? null;
      if (topic === null || typeof detail.escalation !== 'number') return at('escalation-resolved', topic);
      const how = state.escalations.find((e) => e.id === detail.escalation)?.resolution?.resolution;
      return at('escalation-resolved', [topic, detail.escalation, ...(how ? [how] : [])].join(','));
    }
    case 'acknowledgeEscalation': {
      const escalation = state.escalations.find((e) => e.id === detail.escalation);
      if (!escalation?.acknowledged) return null;
      return at('escalation-acknowledged', `${escalation.topic},${escalation.id},${escalation.acknowledged.action}`, { severity: escalation.severity });
    }
    case 'stageEntered':
      return detail.stage === 'closed' ? at('closed') : null;
    default:
      return null;
  }
}

const ALWAYS = new Set(['opened', 'recordConsent', 'consentWithdrawn', 'referralAnswered', 'referralUnanswered', 'planTravel', 'departed', 'handoverConfirmed', 'followUpReported', 'checkpointMissed', 'followUpStopped', 'escalated', 'escalationResolved', 'acknowledgeEscalation']);

/** Whether a recorded entry is a milestone, judged from the entry alone: what a complete ledger holds for a timeline. */
export function isMilestoneEntry(entry: TimelineEntry): boolean {
  if (entry.result !== 'recorded') return false;
  if (ALWAYS.has(entry.kind)) return true;
  if (entry.kind === 'partnerContacted' || entry.kind === 'partnerUnreachable') return entry.detail?.message === 'referral-request' || entry.detail?.message === 'follow-up-request';
  return entry.kind === 'stageEntered' && entry.detail?.stage === 'closed';
}
