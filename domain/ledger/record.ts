/**
 * The evaluation ledger's records: one de-identified line per milestone of a programme, and one per
 * offer of a prepared return that was declined before any programme opened. What a record may hold
 * is written out here: a case pseudonym (never the case reference), home country, partner, month,
 * sex and age band when known, the milestone, codes, the outcome and the time since opening. No
 * name, no birth date, no free text.
 *
 * The codes some milestones carry (several joined by commas, at most eight):
 *
 *   checkpoint-reported      `month-12` and, from counting rule 2026.2, her situation per area as
 *                            `<area>-<level>` in the order of SITUATION_AREAS when the report was in
 *                            the area form: `month-12,housing-secure,livelihood-fragile,health-adequate,
 *                            safety-secure,family-unknown,legal-status-critical`. A report in the earlier
 *                            form (housing, income, wellbeing) carries the checkpoint alone.
 *   escalation-resolved      `<topic>,<number>` when a person resolved that one escalation, and from
 *                            2026.2 how it ended: `concern-raised,2,risk-reduced` (a Resolution code);
 *                            `<topic>` alone when the programme resolved every one open on the topic.
 *   escalation-acknowledged  (from 2026.2) `<topic>,<number>,<action>`: a supervisor took that
 *                            escalation on and said what will be done (a ResponseAction code).
 *   concern-raised           the concern's kind; escalation: its topic; consent: its scope; referral
 *                            answered: accept, decline or no-answer; handover: in-window or late.
 */
import { z } from 'zod';
import { PartnerId } from '../notifications.js';
import { Outcome } from '../outcomes.js';
import { AgeBand, CountryCode, IsoDateTime, Sex } from '../programme.js';

/**
 * The counting rule every record is stamped with. Bump it (`2027.1`) when what a milestone means
 * or when it is written changes, so figures can be recomputed under the rule each record was made by.
 *
 *   2026.1  the first rule.
 *   2026.2  a month's report carries her situation per area, a person's resolution of an escalation
 *           how it ended, and a supervisor's acknowledgement is a milestone of its own. A record
 *           made under 2026.1 has none of these: the report counts them as not recorded. Sex and
 *           age band are written when the caseworker recorded them (the programme's profile), and a
 *           referral answer a caseworker recorded on a partner's behalf counts as that partner's.
 */
export const COUNTING_RULE = '2026.2';

/** The rule from which the situation, resolutions and acknowledgements are in the ledger. */
export const RULE_WITH_SITUATION_AND_RESPONSES = '2026.2';

/** Whether a record was made under `rule` or a later one (`2026.2` is later than `2026.1`, `2027.1` than both). */
export function madeUnder(record: { countingRule: string }, rule: string): boolean {
  const [year, n] = record.countingRule.split('.').map(Number);
  const [sinceYear, sinceN] = rule.split('.').map(Number);
  return year! > sinceYear! || (year === sinceYear && n! >= sinceN!);
}

export const LedgerMilestone = z.enum([
  'opened',
  'consent-given',
  'consent-withdrawn',
  'referral-asked',
  'referral-answered',
  'travel-planned',
  'departed',
  'handover',
  'checkpoint-requested',
  'checkpoint-reported',
  'checkpoint-missed',
  'follow-up-stopped',
  'concern-raised',
  'escalation',
  'escalation-resolved',
  'escalation-acknowledged',
  'closed',
  'offer-declined',
]);
export type LedgerMilestone = z.output<typeof LedgerMilestone>;

/** Why an identified victim declined the offer of a prepared return. */
export const DeclineReason = z.enum(['prefers-to-stay', 'fear-of-reprisals', 'family-reasons', 'distrust', 'no-reason-given', 'other'], {
  error: 'expected prefers-to-stay, fear-of-reprisals, family-reasons, distrust, no-reason-given or other',
});
export type DeclineReason = z.output<typeof DeclineReason>;

/** A code: a checkpoint, a scope, an answer, a topic; several joined by commas (see above). Never words a person typed. */
export const LedgerCode = z.string().regex(/^[a-z0-9-]{1,40}(,[a-z0-9-]{1,40}){0,7}$/, 'expected a code such as month-3 or accept');

/** What the programme tells the ledger activity about one milestone (encrypted in history like every payload). */
export const MilestoneRecordInput = z.strictObject({
  /** Workflow id, run id and the timeline's sequence number: the record's idempotency key. */
  workflowId: z.string().min(1).max(200),
  runId: z.string().min(1).max(100),
  seq: z.number().int().positive(),
  caseRef: z.string().min(1).max(40),
  homeCountry: CountryCode,
  partner: PartnerId.nullable(),
  /** When it happened (workflow time); the ledger keeps the month only. */
  at: IsoDateTime,
  sinceOpenedMs: z.number().int().min(0),
  milestone: LedgerMilestone.exclude(['offer-declined']),
  code: LedgerCode.nullable(),
  severity: z.enum(['escalation', 'urgent']).nullable(),
  outcome: Outcome.nullable(),
  sex: Sex.nullable(),
  ageBand: AgeBand.nullable(),
});
export type MilestoneRecordInput = z.input<typeof MilestoneRecordInput>;

/** An offer declined before any programme: counted, with no programme behind it. */
export const DeclinedOffer = z.strictObject({
  caseRef: z.string().min(1).max(40),
  homeCountry: CountryCode,
  sex: Sex.nullable(),
  ageBand: AgeBand.nullable(),
  /** The day she declined (YYYY-MM-DD); the ledger keeps the month only. */
  declinedOn: z.iso.date({ error: 'expected a date, e.g. 2026-03-01' }),
  reason: DeclineReason,
  /** The caseworker who recorded it (audit, not ledger). */
  by: z.string().min(1).max(64),
});
export type DeclinedOffer = z.input<typeof DeclinedOffer>;

/** One record as stored and as the report reads it. */
export interface LedgerRecord {
  /** Position in the chain, from 1. */
  seq: number;
  countingRule: string;
  casePseudonym: string;
  homeCountry: string;
  partner: string | null;
  /** `2026-03` */
  month: string;
  sex: Sex | null;
  ageBand: AgeBand | null;
  milestone: LedgerMilestone;
  code: string | null;
  severity: 'escalation' | 'urgent' | null;
  outcome: Outcome | null;
  sinceOpenedMs: number | null;
  prevHash: string;
  hash: string;
}

/** The workflow's view of the ledger activity. */
export interface LedgerActivities {
  /** Writes each milestone's record once, however often it is retried. */
  writeLedgerRecords(input: MilestoneRecordInput[]): Promise<Array<{ seq: number; written: boolean }>>;
}
