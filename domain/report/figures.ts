/**
 * The report's figures, counted from the facts of each programme (rebuilt from the evaluation
 * ledger, `fromLedger.ts`) and from the offers declined without a programme. Raw numbers only live
 * here: `publish.ts` suppresses small numbers before anything is shown or written.
 *
 * Every table has the overall row, a row per home country, per partner (the partner that accepted
 * her; referrals count per partner asked), per sex and per age band, so each group of rows adds up
 * to the overall row. The exceptions: follow-up by checkpoint has a row per checkpoint, and her
 * situation at 6 and 12 months a row per area (housing … legal status), neither adding up.
 */
import { Resolution } from '../commands.js';
import { SITUATION_AREAS, SituationLevel, type SituationArea } from '../events.js';
import { OUTCOME_WORDS, type Outcome } from '../outcomes.js';
import { DeclineReason } from '../ledger/record.js';
import type { AreaLevels } from '../ledger/situationCodes.js';
import { AgeBand, Sex } from '../programme.js';
import type { CandidateState, CheckpointState } from '../status.js';
import { periodMonths, type ReportPeriod } from './period.js';

export type RowGroup = 'overall' | 'country' | 'partner' | 'sex' | 'ageBand' | 'checkpoint' | 'area';

/** What the figures need to know of one programme. */
export interface ProgrammeFacts {
  openedAt: string;
  homeCountry: string;
  sex?: string | null;
  ageBand?: string | null;
  outcome: Outcome | null;
  departedAt: string | null;
  handover: { confirmedAt: string | null; dueBy: string | null };
  referral: { candidates: ReadonlyArray<{ partnerId: string; state: CandidateState; askedAt?: string; answeredAt?: string }> };
  /** A received report's situation per area; null when the ledger does not hold it (the earlier form, or counting rule 2026.1). */
  checkpoints: ReadonlyArray<{ name: string; state: CheckpointState; situation?: AreaLevels | null }>;
  concerns: ReadonlyArray<ConcernFacts>;
  escalations: ReadonlyArray<EscalationFacts>;
  consent: { participation: { withdrawnAt?: string } | null; sharing: { withdrawnAt?: string } | null; 'follow-up': { withdrawnAt?: string } | null };
}

/** A concern, and how it ended: a concern raises an urgent escalation and ends with it. */
export interface ConcernFacts {
  kind: string;
  /** The months it was raised and resolved in (`2026-03`): the ledger keeps no finer date. */
  raisedMonth: string;
  resolvedMonth: string | null;
  /** How it ended (a Resolution code); null while open, or when resolved without one recorded. */
  resolution: string | null;
}

export interface EscalationFacts {
  severity: 'escalation' | 'urgent';
  raisedAt: string;
  resolvedAt: string | null;
  /** When a supervisor acknowledged it; null when nobody did, or when the ledger cannot tell (below). */
  acknowledgedAt: string | null;
  /** False for an escalation raised before the ledger recorded acknowledgements (counting rule 2026.1). */
  acknowledgementRecorded: boolean;
  /** A person (a supervisor, or the caseworker resolving its concern), or the programme when what it waited for came. */
  resolvedBy: 'staff' | 'programme' | null;
}

/** An offer of a prepared return declined before any programme opened. */
export interface DeclinedOfferFacts {
  /** First day of the month she declined, ISO. */
  declinedAt: string;
  homeCountry: string;
  sex: string | null;
  ageBand: string | null;
  reason: string;
}

export const UNKNOWN = 'unknown';
const SEXES = [...Sex.options, UNKNOWN];
const AGE_BANDS = [...AgeBand.options, UNKNOWN];
const DECLINE_REASONS = DeclineReason.options;
const RESOLUTIONS = Resolution.options;
const LEVELS = SituationLevel.options;

const RESOLUTION_WORDS: Record<Resolution, string> = {
  'she-is-safe': 'she is safe',
  'risk-reduced': 'risk reduced',
  unfounded: 'unfounded',
  'handed-to-authority': 'handed to an authority',
  'no-longer-relevant': 'no longer relevant',
  other: 'other',
};

const AREA_WORDS: Record<SituationArea, string> = {
  housing: 'housing',
  livelihood: 'livelihood',
  health: 'health',
  safety: 'safety',
  family: 'family',
  legalStatus: 'legal status',
};

export interface RowSpec {
  key: string;
  label: string;
  group: RowGroup;
}

export type ColumnSpec =
  | { key: string; label: string; kind: 'count' }
  | { key: string; label: string; kind: 'rate'; numerator: string; denominator: string }
  | { key: string; label: string; kind: 'duration'; stat: DurationStat };

/** The quartiles, and the 90th percentile (the time nine in ten stayed within). */
export type DurationStat = 'q1' | 'median' | 'q3' | 'p90';

export interface RawTable {
  id: string;
  title: string;
  description: string;
  rows: RowSpec[];
  columns: ColumnSpec[];
  /** row → count column → count. */
  counts: Record<string, Record<string, number>>;
  /** row → the durations (ms) the duration columns summarise. */
  samples?: Record<string, number[]>;
  /** In each row, each `column` equals the sum of its `parts`. */
  totals?: Array<{ column: string; parts: string[] }>;
  /** The overall row equals the sum of the country rows, and of the partner rows. */
  rowsAddUp: boolean;
}

export interface RawReport {
  period: ReportPeriod;
  generatedAt: string;
  tables: RawTable[];
  /** Cells that are one quantity shown in two tables: `[table, column]` pairs, row by row. */
  links: Array<Array<[string, string]>>;
  /** `table/row/column` cell equals the sum of other cells, across tables. */
  crossTotals: Array<{ total: string; parts: string[] }>;
  /** Cells that are one quantity, named cell by cell (`table/row/column`): rows of different tables. */
  sameCells: string[][];
}

export const OUTCOMES = Object.keys(OUTCOME_WORDS) as Outcome[];
export const CHECKPOINTS = ['month-1', 'month-3', 'month-6', 'month-12'] as const;
export const NO_PARTNER = 'none';

/** Days from opening to departure, in the bins of the distribution chart. */
export const DEPARTURE_BINS = [
  { key: 'under30', label: 'under 30 days', fromDays: 0 },
  { key: 'days30to59', label: '30–59 days', fromDays: 30 },
  { key: 'days60to89', label: '60–89 days', fromDays: 60 },
  { key: 'days90to119', label: '90–119 days', fromDays: 90 },
  { key: 'days120plus', label: '120 days or more', fromDays: 120 },
] as const;

const DAY_MS = 86_400_000;

const count = (key: string, label: string): ColumnSpec => ({ key, label, kind: 'count' });
const durations = (what: string): ColumnSpec[] => [
  { key: 'median', label: `median ${what}`, kind: 'duration', stat: 'median' },
  { key: 'q1', label: 'lower quartile', kind: 'duration', stat: 'q1' },
  { key: 'q3', label: 'upper quartile', kind: 'duration', stat: 'q3' },
];

export function computeFigures(programmes: readonly ProgrammeFacts[], period: ReportPeriod, generatedAt: string, declinedOffers: readonly DeclinedOfferFacts[] = []): RawReport {
  const inPeriod = programmes.filter((p) => p.openedAt >= period.from && p.openedAt < period.to);
  const offers = declinedOffers.filter((o) => o.declinedAt >= period.from && o.declinedAt < period.to);
  const countries = [...new Set(inPeriod.map((p) => p.homeCountry))].sort();
  const acceptedBy = (p: ProgrammeFacts) => p.referral.candidates.find((c) => c.state === 'accepted')?.partnerId ?? NO_PARTNER;
  const sexOf = (p: { sex?: string | null }) => p.sex ?? UNKNOWN;
  const ageBandOf = (p: { ageBand?: string | null }) => p.ageBand ?? UNKNOWN;
  const present = <T>(all: readonly string[], of: (x: T) => string, items: readonly T[]) => all.filter((v) => items.some((x) => of(x) === v));
  const partners = [
    ...new Set(inPeriod.flatMap((p) => [acceptedBy(p), ...p.referral.candidates.filter((c) => c.askedAt).map((c) => c.partnerId)])),
  ].sort((a, b) => (a === NO_PARTNER ? 1 : b === NO_PARTNER ? -1 : a.localeCompare(b)));

  const rows: RowSpec[] = [
    { key: 'overall', label: 'All programmes', group: 'overall' },
    ...countries.map((c) => ({ key: `country:${c}`, label: c, group: 'country' as const })),
    ...partners.map((p) => ({ key: `partner:${p}`, label: p === NO_PARTNER ? 'no partner accepted' : p, group: 'partner' as const })),
    ...present(SEXES, sexOf, inPeriod).map((v) => ({ key: `sex:${v}`, label: v, group: 'sex' as const })),
    ...present(AGE_BANDS, ageBandOf, inPeriod).map((v) => ({ key: `ageBand:${v}`, label: v, group: 'ageBand' as const })),
  ];
  const table = (spec: Omit<RawTable, 'counts' | 'rows' | 'rowsAddUp'> & { rows?: RowSpec[]; rowsAddUp?: boolean }): RawTable => {
    const tableRows = spec.rows ?? rows;
    const countColumns = spec.columns.filter((c) => c.kind === 'count').map((c) => c.key);
    const counts = Object.fromEntries(tableRows.map((r) => [r.key, Object.fromEntries(countColumns.map((c) => [c, 0]))]));
    const samples = spec.columns.some((c) => c.kind === 'duration') ? Object.fromEntries(tableRows.map((r) => [r.key, [] as number[]])) : undefined;
    return { ...spec, rows: tableRows, counts, ...(samples ? { samples } : {}), rowsAddUp: spec.rowsAddUp ?? true };
  };
  const rowsOf = (p: ProgrammeFacts, partner = acceptedBy(p)) => ['overall', `country:${p.homeCountry}`, `partner:${partner}`, `sex:${sexOf(p)}`, `ageBand:${ageBandOf(p)}`];
  const add = (t: RawTable, rowKeys: string[], column: string, n = 1) => {
    for (const r of rowKeys) t.counts[r]![column]! += n;
  };
  const sample = (t: RawTable, rowKeys: string[], ms: number) => {
    for (const r of rowKeys) t.samples![r]!.push(ms);
  };
  const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);

  const outcomes = table({
    id: 'outcomes',
    title: 'Programmes opened, by outcome',
    description: 'Programmes opened in the period and how they ended; "still open" programmes have not ended yet.',
    columns: [count('opened', 'opened'), ...OUTCOMES.map((o) => count(o, o)), count('open', 'still open')],
    totals: [{ column: 'opened', parts: [...OUTCOMES, 'open'] }],
  });
  const uptake = table({
    id: 'uptake',
    title: 'Offers taken up, declined or dropped',
    description:
      'Taken up: she travelled home within the programme. Declined: she withdrew before departure. Dropped: missing or closed by a caseworker before departure.',
    columns: [
      count('opened', 'opened'),
      count('takenUp', 'taken up (departed)'),
      count('declined', 'declined'),
      count('dropped', 'dropped'),
      count('residenceGranted', 'residence granted'),
      count('notYetDeparted', 'not yet departed'),
    ],
    totals: [{ column: 'opened', parts: ['takenUp', 'declined', 'dropped', 'residenceGranted', 'notYetDeparted'] }],
  });
  const departure = table({
    id: 'departure',
    title: 'Time from opening to departure',
    description: 'From the opening of the programme (the wish to return) to the confirmed departure (the actual return).',
    columns: [count('departed', 'departed'), ...DEPARTURE_BINS.map((b) => count(b.key, b.label)), ...durations('time to departure')],
    totals: [{ column: 'departed', parts: DEPARTURE_BINS.map((b) => b.key) }],
  });
  const referrals = table({
    id: 'referrals',
    title: 'Referrals to partner organisations',
    description: 'Every partner asked to receive her counts once; by partner, the partner asked. Response time: from the request to the answer.',
    columns: [
      count('asked', 'partners asked'),
      count('accepted', 'accepted'),
      count('declined', 'declined'),
      count('noAnswer', 'no answer in time'),
      count('other', 'other (waiting, undeliverable, withdrawn)'),
      { key: 'acceptanceRate', label: 'acceptance rate', kind: 'rate', numerator: 'accepted', denominator: 'asked' },
      ...durations('response time'),
    ],
    totals: [{ column: 'asked', parts: ['accepted', 'declined', 'noAnswer', 'other'] }],
  });
  const handover = table({
    id: 'handover',
    title: 'Handover on arrival',
    description: 'Whether the receiving partner confirmed that she was received within the handover window.',
    columns: [
      count('departed', 'departed'),
      count('inWindow', 'confirmed within the window'),
      count('late', 'confirmed late'),
      count('notConfirmed', 'not confirmed'),
      { key: 'inWindowRate', label: 'within the window', kind: 'rate', numerator: 'inWindow', denominator: 'departed' },
    ],
    totals: [{ column: 'departed', parts: ['inWindow', 'late', 'notConfirmed'] }],
  });
  const followUpColumns: ColumnSpec[] = [
    count('reached', 'checkpoints reached'),
    count('received', 'report received'),
    count('missed', 'report missed'),
    { key: 'completion', label: 'completion', kind: 'rate', numerator: 'received', denominator: 'reached' },
    count('stopped', 'stopped (no consent)'),
    count('pending', 'waiting for the report'),
  ];
  const followUpByCheckpoint = table({
    id: 'followUpByCheckpoint',
    title: 'Follow-up by checkpoint',
    description: 'Reports at 1, 3, 6 and 12 months after the handover. Completion: reports received of checkpoints reached (received or missed).',
    rows: CHECKPOINTS.map((c) => ({ key: c, label: c.replace('month-', '') + (c === 'month-1' ? ' month' : ' months'), group: 'checkpoint' as const })),
    rowsAddUp: false,
    columns: followUpColumns,
    totals: [{ column: 'reached', parts: ['received', 'missed'] }],
  });
  const followUp = table({
    id: 'followUp',
    title: 'Follow-up, all checkpoints',
    description: 'The four checkpoints together, overall, by home country and by partner.',
    columns: followUpColumns,
    totals: [{ column: 'reached', parts: ['received', 'missed'] }],
  });
  const safety = table({
    id: 'safety',
    title: 'Concerns, escalations and consent',
    description:
      'Concerns: threats, contact from traffickers or creditors, lost contact, suspected re-trafficking. Escalations: deadlines missed and alerts to supervisors; open time until resolved. Consent withdrawals by scope.',
    columns: [
      count('concerns', 'concerns raised'),
      count('programmesWithConcern', 'programmes with a concern'),
      count('escalations', 'escalations'),
      count('resolved', 'resolved'),
      count('unresolved', 'never resolved'),
      count('urgent', 'urgent'),
      ...durations('time open'),
      count('withdrewParticipation', 'withdrew participation'),
      count('withdrewSharing', 'withdrew sharing'),
      count('withdrewFollowUp', 'withdrew follow-up'),
    ],
    totals: [{ column: 'escalations', parts: ['resolved', 'unresolved'] }],
  });
  const concerns = table({
    id: 'concerns',
    title: 'Concerns and how they ended',
    description:
      'Every concern raised in the programmes, how it was resolved (a concern and the urgent escalation it raised end together), and those not resolved when the report was made. Resolved, how not recorded: resolved before the ledger recorded how (counting rule 2026.1), or closed with the others when every concern of the programme was resolved or corrected. Open at period end: raised by the end of the period and not resolved by then, counted by month as the ledger keeps them.',
    columns: [
      count('raised', 'concerns raised'),
      count('resolved', 'resolved'),
      ...RESOLUTIONS.map((r) => count(r, RESOLUTION_WORDS[r])),
      count('resolutionNotRecorded', 'resolved, how not recorded'),
      count('open', 'not resolved'),
      count('openAtPeriodEnd', 'open at period end'),
    ],
    totals: [
      { column: 'raised', parts: ['resolved', 'open'] },
      { column: 'resolved', parts: [...RESOLUTIONS, 'resolutionNotRecorded'] },
    ],
  });
  const escalationResponses = table({
    id: 'escalationResponses',
    title: 'Escalations acknowledged and resolved',
    description:
      'Whether a supervisor acknowledged each escalation (took it on and said what will be done), how long that took from the escalation, and who resolved it: staff (a supervisor, or the caseworker resolving its concern) or the programme itself, when what it waited for came after all. Acknowledgement not recorded: raised under counting rule 2026.1, before the ledger recorded acknowledgements.',
    columns: [
      count('escalations', 'escalations'),
      count('acknowledged', 'acknowledged by a supervisor'),
      count('notAcknowledged', 'not acknowledged'),
      count('acknowledgementNotRecorded', 'acknowledgement not recorded'),
      { key: 'median', label: 'median time to acknowledgement', kind: 'duration', stat: 'median' },
      { key: 'p90', label: '90th percentile', kind: 'duration', stat: 'p90' },
      count('resolvedByStaff', 'resolved by staff'),
      count('resolvedByProgramme', 'resolved by the programme'),
      count('unresolved', 'never resolved'),
    ],
    totals: [
      { column: 'escalations', parts: ['acknowledged', 'notAcknowledged', 'acknowledgementNotRecorded'] },
      { column: 'escalations', parts: ['resolvedByStaff', 'resolvedByProgramme', 'unresolved'] },
    ],
  });
  const situationAt = (checkpoint: 'month-6' | 'month-12', id: string) => {
    const months = checkpoint.replace('month-', '');
    return table({
      id,
      title: `Her situation at ${months} months, by area`,
      description: `What the receiving partner's report at ${months} months said of each area: secure (no need), adequate (needs met with support), fragile (needs partly met), critical (acute need or danger), unknown (not assessed this time). Every report counts once in each area. Not recorded: a report in the earlier form (housing, income, wellbeing), or one the ledger recorded under counting rule 2026.1, before it kept the situation.`,
      rows: SITUATION_AREAS.map((a) => ({ key: a, label: AREA_WORDS[a], group: 'area' as const })),
      rowsAddUp: false,
      columns: [count('reports', 'reports received'), ...LEVELS.map((l) => count(l, l === 'unknown' ? 'unknown (not assessed)' : l)), count('notRecorded', 'not recorded')],
      totals: [{ column: 'reports', parts: [...LEVELS, 'notRecorded'] }],
    });
  };
  // Her situation half-way through follow-up (a report on a recent year already has some) and at its end.
  const situationTables = [
    { checkpoint: 'month-6', table: situationAt('month-6', 'situationMonth6') },
    { checkpoint: 'month-12', table: situationAt('month-12', 'situationMonth12') },
  ] as const;
  const periodEnd = periodMonths(period).to;

  for (const p of inPeriod) {
    const at = rowsOf(p);
    add(outcomes, at, 'opened');
    add(outcomes, at, p.outcome ?? 'open');

    add(uptake, at, 'opened');
    if (p.departedAt) add(uptake, at, 'takenUp');
    else if (p.outcome === 'declined') add(uptake, at, 'declined');
    else if (p.outcome === 'residence-granted') add(uptake, at, 'residenceGranted');
    else if (p.outcome === null) add(uptake, at, 'notYetDeparted');
    else add(uptake, at, 'dropped');

    if (p.departedAt) {
      const took = ms(p.openedAt, p.departedAt);
      add(departure, at, 'departed');
      const bin = [...DEPARTURE_BINS].reverse().find((b) => took >= b.fromDays * DAY_MS) ?? DEPARTURE_BINS[0];
      add(departure, at, bin.key);
      sample(departure, at, took);

      add(handover, at, 'departed');
      const { confirmedAt, dueBy } = p.handover;
      add(handover, at, !confirmedAt ? 'notConfirmed' : dueBy && confirmedAt > dueBy ? 'late' : 'inWindow');
    }

    for (const c of p.referral.candidates) {
      if (!c.askedAt) continue;
      const cAt = rowsOf(p, c.partnerId);
      add(referrals, cAt, 'asked');
      add(referrals, cAt, c.state === 'accepted' ? 'accepted' : c.state === 'declined' ? 'declined' : c.state === 'no-answer' ? 'noAnswer' : 'other');
      if ((c.state === 'accepted' || c.state === 'declined') && c.answeredAt) sample(referrals, cAt, ms(c.askedAt, c.answeredAt));
    }

    for (const c of p.checkpoints) {
      const column = { received: 'received', missed: 'missed', stopped: 'stopped', requested: 'pending', scheduled: undefined }[c.state];
      if (!column) continue;
      const situation = situationTables.find((s) => s.checkpoint === c.name)?.table;
      if (situation && c.state === 'received') {
        for (const area of SITUATION_AREAS) {
          add(situation, [area], 'reports');
          add(situation, [area], c.situation?.[area] ?? 'notRecorded');
        }
      }
      for (const t of [followUp, followUpByCheckpoint]) {
        const where = t === followUp ? at : [c.name];
        add(t, where, column);
        if (column === 'received' || column === 'missed') add(t, where, 'reached');
      }
    }

    add(safety, at, 'concerns', p.concerns.length);
    if (p.concerns.length) add(safety, at, 'programmesWithConcern');
    for (const c of p.concerns) {
      add(concerns, at, 'raised');
      if (c.resolvedMonth === null) add(concerns, at, 'open');
      else {
        add(concerns, at, 'resolved');
        add(concerns, at, c.resolution !== null && (RESOLUTIONS as readonly string[]).includes(c.resolution) ? c.resolution : 'resolutionNotRecorded');
      }
      if (c.raisedMonth <= periodEnd && (c.resolvedMonth === null || c.resolvedMonth > periodEnd)) add(concerns, at, 'openAtPeriodEnd');
    }
    for (const e of p.escalations) {
      add(safety, at, 'escalations');
      add(escalationResponses, at, 'escalations');
      if (e.severity === 'urgent') add(safety, at, 'urgent');
      if (e.resolvedAt) {
        add(safety, at, 'resolved');
        sample(safety, at, ms(e.raisedAt, e.resolvedAt));
      } else add(safety, at, 'unresolved');
      if (e.acknowledgedAt !== null) {
        add(escalationResponses, at, 'acknowledged');
        sample(escalationResponses, at, ms(e.raisedAt, e.acknowledgedAt));
      } else add(escalationResponses, at, e.acknowledgementRecorded ? 'notAcknowledged' : 'acknowledgementNotRecorded');
      add(escalationResponses, at, e.resolvedBy === 'staff' ? 'resolvedByStaff' : e.resolvedBy === 'programme' ? 'resolvedByProgramme' : 'unresolved');
    }
    if (p.consent.participation?.withdrawnAt) add(safety, at, 'withdrewParticipation');
    if (p.consent.sharing?.withdrawnAt) add(safety, at, 'withdrewSharing');
    if (p.consent['follow-up']?.withdrawnAt) add(safety, at, 'withdrewFollowUp');
  }

  const offerRows: RowSpec[] = [
    { key: 'overall', label: 'All declined offers', group: 'overall' },
    ...[...new Set(offers.map((o) => o.homeCountry))].sort().map((c) => ({ key: `country:${c}`, label: c, group: 'country' as const })),
    ...present(SEXES, sexOf, offers).map((v) => ({ key: `sex:${v}`, label: v, group: 'sex' as const })),
    ...present(AGE_BANDS, ageBandOf, offers).map((v) => ({ key: `ageBand:${v}`, label: v, group: 'ageBand' as const })),
  ];
  const declined = table({
    id: 'offersDeclined',
    title: 'Offers declined without a programme',
    description: 'Identified victims who were offered a prepared return and declined it before any programme opened, by the reason she gave.',
    rows: offerRows,
    columns: [count('declined', 'declined'), ...DECLINE_REASONS.map((r) => count(r, r))],
    totals: [{ column: 'declined', parts: [...DECLINE_REASONS] }],
  });
  for (const o of offers) {
    const at = ['overall', `country:${o.homeCountry}`, `sex:${sexOf(o)}`, `ageBand:${ageBandOf(o)}`];
    add(declined, at, 'declined');
    add(declined, at, o.reason);
  }

  const followUpColumnsCounted = ['reached', 'received', 'missed', 'stopped', 'pending'];
  return {
    period,
    generatedAt,
    tables: [
      outcomes,
      uptake,
      departure,
      referrals,
      handover,
      followUpByCheckpoint,
      followUp,
      ...situationTables.map((s) => s.table),
      safety,
      concerns,
      escalationResponses,
      declined,
    ],
    links: [
      [['outcomes', 'opened'], ['uptake', 'opened']],
      [['outcomes', 'declined'], ['uptake', 'declined']],
      [['outcomes', 'residence-granted'], ['uptake', 'residenceGranted']],
      [['uptake', 'takenUp'], ['departure', 'departed'], ['handover', 'departed']],
      [['safety', 'concerns'], ['concerns', 'raised']],
      [['safety', 'escalations'], ['escalationResponses', 'escalations']],
      [['safety', 'unresolved'], ['escalationResponses', 'unresolved']],
    ],
    crossTotals: [
      ...followUpColumnsCounted.map((column) => ({
        total: `followUp/overall/${column}`,
        parts: CHECKPOINTS.map((c) => `followUpByCheckpoint/${c}/${column}`),
      })),
      // Resolved by staff or by the programme: together, the escalations resolved.
      ...rows.map((r) => ({ total: `safety/${r.key}/resolved`, parts: [`escalationResponses/${r.key}/resolvedByStaff`, `escalationResponses/${r.key}/resolvedByProgramme`] })),
    ],
    sameCells: situationTables.flatMap(({ checkpoint, table: t }) => [
      // Every area counts each report once: the reports received at the checkpoint, in each row.
      [`followUpByCheckpoint/${checkpoint}/received`, ...SITUATION_AREAS.map((a) => `${t.id}/${a}/reports`)],
      // A report without the situation lacks it in every area alike.
      SITUATION_AREAS.map((a) => `${t.id}/${a}/notRecorded`),
    ]),
  };
}
