/**
 * From raw figures to what may be published: every count under the threshold hidden ("<3"), the
 * counts that would give one away hidden too (".."), and rates and durations shown only when
 * the counts behind them are. Nothing downstream (renderers, JSON, mail) sees a raw number that
 * this step hid.
 */
import { computeFigures, type ColumnSpec, type DeclinedOfferFacts, type DurationStat, type ProgrammeFacts, type RawReport, type RowSpec } from './figures.js';
import type { ReportPeriod } from './period.js';
import { quantile } from './quantiles.js';
import { DEFAULT_THRESHOLD, suppress, type CellId } from './suppression.js';
import type { KeyFigure } from './words/catalogue.js';
import { en } from './words/en.js';

export interface PublishedCell {
  /** The figure (counts, percent for rates, milliseconds for durations); null when hidden. */
  value: number | null;
  display: string;
  /** primary: under the threshold; secondary: hidden so a small number cannot be worked out; too-few: a median, quartile or percentile of fewer than MIN_DURATION_SAMPLE durations. */
  hidden?: 'primary' | 'secondary' | 'too-few';
}

export interface PublishedTable {
  id: string;
  title: string;
  description: string;
  columns: Array<Pick<ColumnSpec, 'key' | 'label' | 'kind'>>;
  rows: Array<RowSpec & { cells: Record<string, PublishedCell> }>;
}

export interface PublishedReport {
  title: string;
  period: ReportPeriod;
  generatedAt: string;
  threshold: number;
  /** `key` names the figure in every language; `label` is its English name. */
  keyFigures: Array<{ key: KeyFigure; label: string; cell: PublishedCell }>;
  tables: PublishedTable[];
  notes: string[];
}

/**
 * The fewest programmes a median and its quartiles are published for. The three figures are three
 * equations in the sample's durations: with 3 programmes they give back each woman's duration
 * exactly (q1 = (x1+x2)/2, median = x2, q3 = (x2+x3)/2), with 4 all but one; from 5 on at least two
 * durations stay unknown. The count threshold (3) protects counts, not these. A median and 90th
 * percentile (the time to acknowledgement) are two equations: fewer still.
 */
export const MIN_DURATION_SAMPLE = 5;

export const HIDDEN_DISPLAY = { primary: `<${DEFAULT_THRESHOLD}`, secondary: '..', 'too-few': `n<${MIN_DURATION_SAMPLE}` } as const;

const cellId = (table: string, row: string, column: string): CellId => `${table}/${row}/${column}`;

export function buildReport(programmes: readonly ProgrammeFacts[], period: ReportPeriod, generatedAt: string, declinedOffers: readonly DeclinedOfferFacts[] = []): PublishedReport {
  return publish(computeFigures(programmes, period, generatedAt, declinedOffers));
}

export function publish(raw: RawReport, threshold = DEFAULT_THRESHOLD): PublishedReport {
  const values = new Map<CellId, number>();
  const groups: Array<{ total: CellId; parts: CellId[] }> = [...raw.crossTotals];
  const links: CellId[][] = [];
  for (const t of raw.tables) {
    const countColumns = t.columns.filter((c) => c.kind === 'count').map((c) => c.key);
    for (const row of t.rows) for (const c of countColumns) values.set(cellId(t.id, row.key, c), t.counts[row.key]![c]!);
    for (const { column, parts } of t.totals ?? []) {
      for (const row of t.rows) groups.push({ total: cellId(t.id, row.key, column), parts: parts.map((p) => cellId(t.id, row.key, p)) });
    }
    if (t.rowsAddUp) {
      for (const group of ['country', 'partner', 'sex', 'ageBand'] as const) {
        const members = t.rows.filter((r) => r.group === group);
        if (members.length === 0) continue;
        for (const c of countColumns) groups.push({ total: cellId(t.id, 'overall', c), parts: members.map((r) => cellId(t.id, r.key, c)) });
      }
    }
  }
  for (const link of raw.links) {
    const [first] = link;
    const table = raw.tables.find((t) => t.id === first![0])!;
    for (const row of table.rows) links.push(link.map(([t, c]) => cellId(t, row.key, c)));
  }
  links.push(...raw.sameCells);
  const hidden = suppress({ values, groups, links, threshold });

  const countCell = (id: CellId): PublishedCell => {
    const why = hidden.get(id);
    return why ? { value: null, display: HIDDEN_DISPLAY[why], hidden: why } : { value: values.get(id)!, display: String(values.get(id)) };
  };

  const tables: PublishedTable[] = raw.tables.map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    columns: t.columns.map(({ key, label, kind }) => ({ key, label, kind })),
    rows: t.rows.map((row) => {
      const cells: Record<string, PublishedCell> = {};
      for (const c of t.columns) {
        if (c.kind === 'count') cells[c.key] = countCell(cellId(t.id, row.key, c.key));
      }
      for (const c of t.columns) {
        if (c.kind === 'rate') cells[c.key] = rateCell(cells[c.numerator]!, cells[c.denominator]!);
        if (c.kind === 'duration') cells[c.key] = durationCell(t.samples?.[row.key] ?? [], c.stat);
      }
      return { ...row, cells };
    }),
  }));

  const overall = (table: string, column: string): PublishedCell => tables.find((t) => t.id === table)!.rows.find((r) => r.key === 'overall')!.cells[column]!;
  const figure = (key: KeyFigure, cell: PublishedCell) => ({ key, label: en.keyFigures[key], cell });
  const checkpoint12 = tables.find((t) => t.id === 'followUpByCheckpoint')!.rows.find((r) => r.key === 'month-12')!.cells.completion!;
  return {
    title: en.title(raw.period.label),
    period: raw.period,
    generatedAt: raw.generatedAt,
    threshold,
    keyFigures: [
      figure('opened', overall('outcomes', 'opened')),
      figure('takenUp', overall('uptake', 'takenUp')),
      figure('declined', overall('uptake', 'declined')),
      figure('residenceGranted', overall('outcomes', 'residence-granted')),
      figure('absconded', overall('outcomes', 'absconded')),
      figure('medianToDeparture', overall('departure', 'median')),
      figure('acceptanceRate', overall('referrals', 'acceptanceRate')),
      figure('medianResponse', overall('referrals', 'median')),
      figure('handoverInWindow', overall('handover', 'inWindowRate')),
      figure('followUpAt12', checkpoint12),
      figure('concernsRaised', overall('safety', 'concerns')),
      figure('concernsResolved', overall('concerns', 'resolved')),
      figure('escalations', overall('safety', 'escalations')),
      figure('medianToAcknowledgement', overall('escalationResponses', 'median')),
      figure('medianEscalationOpen', overall('safety', 'median')),
      figure('followUpConsentWithdrawn', overall('safety', 'withdrewFollowUp')),
      figure('offersDeclined', overall('offersDeclined', 'declined')),
    ],
    tables,
    notes: en.notes({ threshold, primary: HIDDEN_DISPLAY.primary, secondary: HIDDEN_DISPLAY.secondary, tooFew: HIDDEN_DISPLAY['too-few'], minSample: MIN_DURATION_SAMPLE }),
  };
}

function rateCell(numerator: PublishedCell, denominator: PublishedCell): PublishedCell {
  if (numerator.value === null || denominator.value === null || denominator.value === 0) return { value: null, display: HIDDEN_DISPLAY.secondary, hidden: 'secondary' };
  const percent = Math.round((100 * numerator.value) / denominator.value);
  return { value: percent, display: `${percent} %` };
}

const QUANTILE: Record<DurationStat, number> = { q1: 0.25, median: 0.5, q3: 0.75, p90: 0.9 };

/** A median, quartile or percentile of a row's durations, or hidden when too few lie behind it. */
export function durationCell(sample: readonly number[], stat: DurationStat): PublishedCell {
  if (sample.length < MIN_DURATION_SAMPLE) return { value: null, display: HIDDEN_DISPLAY['too-few'], hidden: 'too-few' };
  // Whole seconds: finer detail says nothing and could single out an event.
  const ms = Math.round(quantile(sample, QUANTILE[stat]) / 1000) * 1000;
  return { value: ms, display: en.duration(ms) };
}
