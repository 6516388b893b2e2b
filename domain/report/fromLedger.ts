/**
 * Each programme's facts, rebuilt from its ledger records alone (Temporal may have deleted the
 * programme long ago). A record's time is its programme's opening month plus the time since opening
 * it carries, so durations come out exact while no record holds a date finer than the month.
 * A case whose programme was opened again after closing has a programme per `opened` record.
 */
import type { Outcome } from '../outcomes.js';
import type { CandidateState, CheckpointState } from '../status.js';
import type { LedgerRecord } from '../ledger/record.js';
import type { DeclinedOfferFacts, ProgrammeFacts } from './figures.js';

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
  readonly facts: ProgrammeFacts & {
    referral: { candidates: Array<{ partnerId: string; state: CandidateState; askedAt?: string; answeredAt?: string }> };
    checkpoints: Array<{ name: string; state: CheckpointState }>;
    concerns: string[];
    escalations: Array<{ topic: string; severity: 'escalation' | 'urgent'; raisedAt: string; resolvedAt: string | null }>;
  };
  private readonly openedMs: number;

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
      checkpoints: CHECKPOINTS.map((name) => ({ name, state: 'scheduled' as CheckpointState })),
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
    const checkpoint = (name: string | null) => f.checkpoints.find((c) => c.name === name);
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
      case 'checkpoint-reported':
        if (checkpoint(r.code)) checkpoint(r.code)!.state = 'received';
        break;
      case 'checkpoint-missed':
        if (checkpoint(r.code)) checkpoint(r.code)!.state = 'missed';
        break;
      case 'follow-up-stopped':
        for (const name of (r.code ?? '').split(',')) if (checkpoint(name)) checkpoint(name)!.state = 'stopped';
        break;
      case 'concern-raised':
        f.concerns.push(r.code ?? 'other');
        f.escalations.push({ topic: 'concern-raised', severity: r.severity ?? 'urgent', raisedAt: at, resolvedAt: null });
        break;
      case 'escalation':
        f.escalations.push({ topic: r.code ?? 'unknown', severity: r.severity ?? 'escalation', raisedAt: at, resolvedAt: null });
        break;
      case 'escalation-resolved': {
        // As in the programme: `topic,number` resolves that escalation (numbered from 1 in the order
        // raised), a topic alone every open escalation on it.
        const [topic, number] = (r.code ?? '').split(',');
        let raised = 0;
        for (const e of f.escalations) {
          raised += 1;
          if (e.topic === topic && e.resolvedAt === null && (number === undefined || raised === Number(number))) e.resolvedAt = at;
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
