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
import { SITUATION_AREAS, SituationLevel } from '../events.js';
import { Outcome } from '../outcomes.js';
import { DeclineReason } from '../ledger/record.js';
import type { AreaLevels } from '../ledger/situationCodes.js';
import { AgeBand, Sex } from '../programme.js';
import type { CandidateState, CheckpointState } from '../status.js';
import { periodMonths, type ReportPeriod } from './period.js';
import type { ReportWords, RowGroup, TableId } from './words/catalogue.js';
import { en } from './words/en.js';


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

export const OUTCOMES = Outcome.options;
export const CHECKPOINTS = ['month-1', 'month-3', 'month-6', 'month-12'] as const;
export const NO_PARTNER = 'none';

/** Days from opening to departure, in the bins of the distribution chart. */
export const DEPARTURE_BINS = [
  { key: 'under30', fromDays: 0 },
  { key: 'days30to59', fromDays: 30 },
  { key: 'days60to89', fromDays: 60 },
  { key: 'days90to119', fromDays: 90 },
  { key: 'days120plus', fromDays: 120 },
] as const;

const DAY_MS = 86_400_000;

/** A column or row before its label: labels come from the words of the report's language. */
type Unlabelled<T> = T extends unknown ? Omit<T, 'label'> : never;
type ColumnDraft = Unlabelled<ColumnSpec>;
type RowDraft = Omit<RowSpec, 'label'>;

const count = (key: string): ColumnDraft => ({ key, kind: 'count' });
const durations = (): ColumnDraft[] => [
  { key: 'median', kind: 'duration', stat: 'median' },
  { key: 'q1', kind: 'duration', stat: 'q1' },
  { key: 'q3', kind: 'duration', stat: 'q3' },
];

/** A table's words in a catalogue: its title, description and the label of each of its columns. */
export function columnLabel(words: ReportWords, table: string, column: string): string {
  const label = words.tables[table as TableId]?.columns[column];
  if (label === undefined) throw new Error(`report words: no label for column ${column} of table ${table}`);
  return label;
}

/** A row's label in a catalogue: countries and partners are codes; the rest are words. */
export function rowLabel(words: ReportWords, table: string, row: { key: string; group: RowGroup }): string {
  const value = row.key.slice(row.key.indexOf(':') + 1);
  switch (row.group) {
    case 'overall':
      return table === 'offersDeclined' ? words.rows.overallDeclined : words.rows.overall;
    case 'country':
      return value;
    case 'partner':
      return value === NO_PARTNER ? words.rows.noPartner : value;
    case 'sex':
      return words.rows.sex[value] ?? value;
    case 'ageBand':
      return words.rows.ageBand[value] ?? value;
    case 'checkpoint':
      return words.rows.checkpoint[row.key] ?? row.key;
    case 'area':
      return words.rows.area[row.key] ?? row.key;
  }
}

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

  const rows: RowDraft[] = [
    { key: 'overall', group: 'overall' },
    ...countries.map((c) => ({ key: `country:${c}`, group: 'country' as const })),
    ...partners.map((p) => ({ key: `partner:${p}`, group: 'partner' as const })),
    ...present(SEXES, sexOf, inPeriod).map((v) => ({ key: `sex:${v}`, group: 'sex' as const })),
    ...present(AGE_BANDS, ageBandOf, inPeriod).map((v) => ({ key: `ageBand:${v}`, group: 'ageBand' as const })),
  ];
  // The raw figures carry the English words; a renderer asked for another language relabels them by key.
  const table = (
    spec: Omit<RawTable, 'counts' | 'rows' | 'rowsAddUp' | 'title' | 'description' | 'columns'> & { id: TableId; columns: ColumnDraft[]; rows?: RowDraft[]; rowsAddUp?: boolean },
  ): RawTable => {
    const tableRows = (spec.rows ?? rows).map((r) => ({ ...r, label: rowLabel(en, spec.id, r) }));
    const columns = spec.columns.map((c) => ({ ...c, label: columnLabel(en, spec.id, c.key) }));
    const countColumns = columns.filter((c) => c.kind === 'count').map((c) => c.key);
    const counts = Object.fromEntries(tableRows.map((r) => [r.key, Object.fromEntries(countColumns.map((c) => [c, 0]))]));
    const samples = columns.some((c) => c.kind === 'duration') ? Object.fromEntries(tableRows.map((r) => [r.key, [] as number[]])) : undefined;
    const { title, description } = en.tables[spec.id];
    return { ...spec, title, description, columns, rows: tableRows, counts, ...(samples ? { samples } : {}), rowsAddUp: spec.rowsAddUp ?? true };
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
    columns: [count('opened'), ...OUTCOMES.map((o) => count(o)), count('open')],
    totals: [{ column: 'opened', parts: [...OUTCOMES, 'open'] }],
  });
  const uptake = table({
    id: 'uptake',
    columns: [
      count('opened'),
      count('takenUp'),
      count('declined'),
      count('dropped'),
      count('residenceGranted'),
      count('notYetDeparted'),
    ],
    totals: [{ column: 'opened', parts: ['takenUp', 'declined', 'dropped', 'residenceGranted', 'notYetDeparted'] }],
  });
  const departure = table({
    id: 'departure',
    columns: [count('departed'), ...DEPARTURE_BINS.map((b) => count(b.key)), ...durations()],
    totals: [{ column: 'departed', parts: DEPARTURE_BINS.map((b) => b.key) }],
  });
  const referrals = table({
    id: 'referrals',
    columns: [
      count('asked'),
      count('accepted'),
      count('declined'),
      count('noAnswer'),
      count('other'),
      { key: 'acceptanceRate', kind: 'rate', numerator: 'accepted', denominator: 'asked' },
      ...durations(),
    ],
    totals: [{ column: 'asked', parts: ['accepted', 'declined', 'noAnswer', 'other'] }],
  });
  const handover = table({
    id: 'handover',
    columns: [
      count('departed'),
      count('inWindow'),
      count('late'),
      count('notConfirmed'),
      { key: 'inWindowRate', kind: 'rate', numerator: 'inWindow', denominator: 'departed' },
    ],
    totals: [{ column: 'departed', parts: ['inWindow', 'late', 'notConfirmed'] }],
  });
  const followUpColumns: ColumnDraft[] = [
    count('reached'),
    count('received'),
    count('missed'),
    { key: 'completion', kind: 'rate', numerator: 'received', denominator: 'reached' },
    count('stopped'),
    count('pending'),
  ];
  const followUpByCheckpoint = table({
    id: 'followUpByCheckpoint',
    rows: CHECKPOINTS.map((c) => ({ key: c, group: 'checkpoint' as const })),
    rowsAddUp: false,
    columns: followUpColumns,
    totals: [{ column: 'reached', parts: ['received', 'missed'] }],
  });
  const followUp = table({
    id: 'followUp',
    columns: followUpColumns,
    totals: [{ column: 'reached', parts: ['received', 'missed'] }],
  });
  const safety = table({
    id: 'safety',
    columns: [
      count('concerns'),
      count('programmesWithConcern'),
      count('escalations'),
      count('resolved'),
      count('unresolved'),
      count('urgent'),
      ...durations(),
      count('withdrewParticipation'),
      count('withdrewSharing'),
      count('withdrewFollowUp'),
    ],
    totals: [{ column: 'escalations', parts: ['resolved', 'unresolved'] }],
  });
  const concerns = table({
    id: 'concerns',
    columns: [
      count('raised'),
      count('resolved'),
      ...RESOLUTIONS.map((r) => count(r)),
      count('resolutionNotRecorded'),
      count('open'),
      count('openAtPeriodEnd'),
    ],
    totals: [
      { column: 'raised', parts: ['resolved', 'open'] },
      { column: 'resolved', parts: [...RESOLUTIONS, 'resolutionNotRecorded'] },
    ],
  });
  const escalationResponses = table({
    id: 'escalationResponses',
    columns: [
      count('escalations'),
      count('acknowledged'),
      count('notAcknowledged'),
      count('acknowledgementNotRecorded'),
      { key: 'median', kind: 'duration', stat: 'median' },
      { key: 'p90', kind: 'duration', stat: 'p90' },
      count('resolvedByStaff'),
      count('resolvedByProgramme'),
      count('unresolved'),
    ],
    totals: [
      { column: 'escalations', parts: ['acknowledged', 'notAcknowledged', 'acknowledgementNotRecorded'] },
      { column: 'escalations', parts: ['resolvedByStaff', 'resolvedByProgramme', 'unresolved'] },
    ],
  });
  const situationAt = (id: 'situationMonth6' | 'situationMonth12') =>
    table({
      id,
      rows: SITUATION_AREAS.map((a) => ({ key: a, group: 'area' as const })),
      rowsAddUp: false,
      columns: [count('reports'), ...LEVELS.map((l) => count(l)), count('notRecorded')],
      totals: [{ column: 'reports', parts: [...LEVELS, 'notRecorded'] }],
    });
  // Her situation half-way through follow-up (a report on a recent year already has some) and at its end.
  const situationTables = [
    { checkpoint: 'month-6', table: situationAt('situationMonth6') },
    { checkpoint: 'month-12', table: situationAt('situationMonth12') },
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

  const offerRows: RowDraft[] = [
    { key: 'overall', group: 'overall' },
    ...[...new Set(offers.map((o) => o.homeCountry))].sort().map((c) => ({ key: `country:${c}`, group: 'country' as const })),
    ...present(SEXES, sexOf, offers).map((v) => ({ key: `sex:${v}`, group: 'sex' as const })),
    ...present(AGE_BANDS, ageBandOf, offers).map((v) => ({ key: `ageBand:${v}`, group: 'ageBand' as const })),
  ];
  const declined = table({
    id: 'offersDeclined',
    rows: offerRows,
    columns: [count('declined'), ...DECLINE_REASONS.map((r) => count(r))],
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
