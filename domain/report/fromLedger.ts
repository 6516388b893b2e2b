/**
 * Each programme's facts, rebuilt from its ledger records alone (Temporal may have deleted the
 * programme long ago). A record's time is its programme's opening month plus the time since opening
 * it carries, so durations come out exact while no record holds a date finer than the month.
 * A case whose programme was opened again after closing has a programme per `opened` record.
 * Each record is read under the counting rule it was made by (record.ts): one made before the
 * situation, resolutions and acknowledgements were recorded has none of them, counted as not recorded.
 */
import type { Outcome } from '../outcomes.js';
import type { CandidateState, CheckpointState } from '../status.js';
import { madeUnder, RULE_WITH_SITUATION_AND_RESPONSES, type LedgerRecord } from '../ledger/record.js';
import { situationFromCodes, type AreaLevels } from '../ledger/situationCodes.js';
import type { ConcernFacts, DeclinedOfferFacts, EscalationFacts, ProgrammeFacts } from './figures.js';

const CHECKPOINTS = ['month-1', 'month-3', 'month-6', 'month-12'] as const;

export function factsFromLedger(records: readonly LedgerRecord[]): { programmes: ProgrammeFacts[]; declinedOffers: DeclinedOfferFacts[] } {
  const programmes: ProgrammeFacts[] = [];
  const declinedOffers: DeclinedOfferFacts[] = [];
  const current = new Map<string, Builder>();
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (r.milestone === 'offer-declined') {
      declinedOffers.push({ declinedAt: monthStart(r.month), homeCountry: r.homeCountry, sex: r.sex, ageBand: r.ageBand, reason: r.code ?? 'no-reason-given' });
      continue;
    }
    if (r.milestone === 'opened') {
      const builder = new Builder(r);
      current.set(r.casePseudonym, builder);
      programmes.push(builder.facts);
      continue;
    }
    // Records of a programme opened before the ledger existed have no opening: not counted.
    current.get(r.casePseudonym)?.apply(r);
  }
  return { programmes, declinedOffers };
}

function monthStart(month: string): string {
  return `${month}-01T00:00:00.000Z`;
}

class Builder {
  readonly facts: Omit<ProgrammeFacts, 'referral' | 'checkpoints' | 'concerns' | 'escalations'> & {
    referral: { candidates: Array<{ partnerId: string; state: CandidateState; askedAt?: string; answeredAt?: string }> };
    checkpoints: Array<{ name: string; state: CheckpointState; situation: AreaLevels | null }>;
    concerns: ConcernFacts[];
    escalations: Array<EscalationFacts & { topic: string }>;
  };
  private readonly openedMs: number;
  /** The concern each concern's escalation was raised for: they end together. */
  private readonly concernOf = new Map<EscalationFacts, ConcernFacts>();

  constructor(opened: LedgerRecord) {
    this.openedMs = Date.parse(monthStart(opened.month));
    this.facts = {
      openedAt: monthStart(opened.month),
      homeCountry: opened.homeCountry,
      sex: opened.sex,
      ageBand: opened.ageBand,
      outcome: null,
      departedAt: null,
      handover: { confirmedAt: null, dueBy: null },
      referral: { candidates: [] },
      checkpoints: CHECKPOINTS.map((name) => ({ name, state: 'scheduled' as CheckpointState, situation: null })),
      concerns: [],
      escalations: [],
      consent: { participation: {}, sharing: null, 'follow-up': null },
    };
  }

  private at(r: LedgerRecord): string {
    return new Date(this.openedMs + (r.sinceOpenedMs ?? 0)).toISOString();
  }

  apply(r: LedgerRecord): void {
    const f = this.facts;
    const at = this.at(r);
    const candidate = (partner: string | null) => {
      const id = partner ?? 'unknown';
      let c = f.referral.candidates.find((x) => x.partnerId === id);
      if (!c) f.referral.candidates.push((c = { partnerId: id, state: 'asked' }));
      return c;
    };
    const checkpoint = (name: string | null | undefined) => f.checkpoints.find((c) => c.name === name);
    const codes = (r.code ?? '').split(',');
    const later = madeUnder(r, RULE_WITH_SITUATION_AND_RESPONSES);
    const raise = (topic: string, severity: EscalationFacts['severity']): EscalationFacts & { topic: string } => {
      const e = { topic, severity, raisedAt: at, resolvedAt: null, acknowledgedAt: null, acknowledgementRecorded: later, resolvedBy: null };
      f.escalations.push(e);
      return e;
    };
    /** An escalation by its number (from 1, in the order raised), when it is of that topic. */
    const numbered = (topic: string | undefined, number: string | undefined): (EscalationFacts & { topic: string }) | undefined => {
      const e = number === undefined ? undefined : f.escalations[Number(number) - 1];
      return e?.topic === topic ? e : undefined;
    };
    switch (r.milestone) {
      case 'consent-given':
        if (r.code === 'sharing' || r.code === 'follow-up') f.consent[r.code] = {};
        break;
      case 'consent-withdrawn':
        if (r.code === 'participation' || r.code === 'sharing' || r.code === 'follow-up') f.consent[r.code] = { withdrawnAt: at };
        break;
      case 'referral-asked': {
        const c = candidate(r.partner);
        c.askedAt = at;
        // An answer that came before the delivery was recorded stands (the partner evidently had the request);
        // otherwise this is a new request and the earlier answer, if any, is history.
        if (c.answeredAt !== undefined && Date.parse(c.answeredAt) >= Date.parse(at)) break;
        c.state = r.code === 'undeliverable' ? 'undeliverable' : 'asked';
        delete c.answeredAt;
        break;
      }
      case 'referral-answered': {
        const c = candidate(r.partner);
        c.state = r.code === 'accept' ? 'accepted' : r.code === 'decline' ? 'declined' : 'no-answer';
        if (r.code === 'accept' || r.code === 'decline') c.answeredAt = at;
        break;
      }
      case 'departed':
        f.departedAt = at;
        break;
      case 'handover':
        f.handover = { confirmedAt: at, dueBy: r.code === 'late' ? new Date(Date.parse(at) - 1).toISOString() : null };
        break;
      case 'checkpoint-requested':
        if (checkpoint(r.code)?.state === 'scheduled') checkpoint(r.code)!.state = 'requested';
        break;
      case 'checkpoint-reported': {
        // `month-12`, and under the later rule her situation per area after it.
        const reported = checkpoint(codes[0]);
        if (!reported) break;
        reported.state = 'received';
        reported.situation = later ? situationFromCodes(codes.slice(1)) : null;
        break;
      }
      case 'checkpoint-missed':
        if (checkpoint(r.code)) checkpoint(r.code)!.state = 'missed';
        break;
      case 'follow-up-stopped':
        for (const name of (r.code ?? '').split(',')) if (checkpoint(name)) checkpoint(name)!.state = 'stopped';
        break;
      case 'concern-raised': {
        const concern: ConcernFacts = { kind: r.code ?? 'other', raisedMonth: r.month, resolvedMonth: null, resolution: null };
        f.concerns.push(concern);
        this.concernOf.set(raise('concern-raised', r.severity ?? 'urgent'), concern);
        break;
      }
      case 'escalation':
        raise(r.code ?? 'unknown', r.severity ?? 'escalation');
        break;
      case 'escalation-acknowledged': {
        // `topic,number,action`: a supervisor took that escalation on.
        const e = numbered(codes[0], codes[1]);
        if (e && e.acknowledgedAt === null) e.acknowledgedAt = at;
        break;
      }
      case 'escalation-resolved': {
        // As in the programme: `topic,number` (and how, under the later rule) resolves that
        // escalation, a person's doing; a topic alone every open escalation on it, the programme's.
        const [topic, number, how] = codes;
        const one = numbered(topic, number);
        const resolved = number === undefined ? f.escalations.filter((e) => e.topic === topic) : one ? [one] : [];
        for (const e of resolved) {
          if (e.resolvedAt !== null) continue;
          e.resolvedAt = at;
          e.resolvedBy = number === undefined ? 'programme' : 'staff';
          const concern = this.concernOf.get(e);
          if (!concern) continue;
          concern.resolvedMonth = r.month;
          concern.resolution = later ? (how ?? null) : null;
        }
        break;
      }
      case 'closed':
        f.outcome = r.outcome as Outcome | null;
        break;
      default:
        break;
    }
  }
}
