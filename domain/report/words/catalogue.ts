/**
 * What a report catalogue holds: every title, description, column and row label, key figure, chart
 * caption and note the report shows, in one language. Codes (outcomes, decline reasons, countries,
 * partner ids) are not words and appear as they are in every language.
 */

/** The groups of rows a table has: overall, per country, partner, sex, age band, checkpoint or area. */
export type RowGroup = 'overall' | 'country' | 'partner' | 'sex' | 'ageBand' | 'checkpoint' | 'area';

export const TABLE_IDS = [
  'outcomes',
  'uptake',
  'departure',
  'referrals',
  'handover',
  'followUpByCheckpoint',
  'followUp',
  'situationMonth6',
  'situationMonth12',
  'safety',
  'concerns',
  'escalationResponses',
  'offersDeclined',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const KEY_FIGURES = [
  'opened',
  'takenUp',
  'declined',
  'residenceGranted',
  'absconded',
  'medianToDeparture',
  'acceptanceRate',
  'medianResponse',
  'handoverInWindow',
  'followUpAt12',
  'concernsRaised',
  'concernsResolved',
  'escalations',
  'medianToAcknowledgement',
  'medianEscalationOpen',
  'followUpConsentWithdrawn',
  'offersDeclined',
] as const;
export type KeyFigure = (typeof KEY_FIGURES)[number];

export type ChartId = 'outcomes' | 'departure' | 'follow-up' | 'countries';

export interface TableWords {
  title: string;
  description: string;
  /** Column key → its label. */
  columns: Record<string, string>;
}

export interface ReportWords {
  title(periodLabel: string): string;
  /** The line under the title: which programmes, which dates, when it was made. */
  period(p: { label: string; from: string; to: string; generatedAt: string }): string;
  headings: { keyFigures: string; charts: string; notes: string; none: string };
  groups: Record<RowGroup, string>;
  rows: {
    overall: string;
    overallDeclined: string;
    noPartner: string;
    /** Sex and age band codes (and `unknown`) → words; a code without a word is shown as it is. */
    sex: Record<string, string>;
    ageBand: Record<string, string>;
    checkpoint: Record<string, string>;
    area: Record<string, string>;
  };
  tables: Record<TableId, TableWords>;
  keyFigures: Record<KeyFigure, string>;
  charts: Record<ChartId, string>;
  notes(n: { threshold: number; primary: string; secondary: string; tooFew: string; minSample: number }): string[];
  /** A duration in its largest sensible unit: days for real programmes, seconds for tests and demos. */
  duration(ms: number): string;
}
