/**
 * The published report in another language: every title, label and note taken from that language's
 * catalogue by key (table id, column key, row key, key figure), every figure left as published. The
 * published report itself is English; nothing here can show a number the publishing step hid.
 */
import { columnLabel, rowLabel } from '../figures.js';
import type { ReportLanguage } from '../language.js';
import { HIDDEN_DISPLAY, MIN_DURATION_SAMPLE, type PublishedCell, type PublishedReport } from '../publish.js';
import type { ReportWords } from '../words/catalogue.js';
import { en } from '../words/en.js';
import { reportWords } from '../words/index.js';

export function inLanguage(report: PublishedReport, lang: ReportLanguage): PublishedReport {
  if (lang === 'en') return report;
  const words = reportWords(lang);
  return {
    ...report,
    title: words.title(report.period.label),
    keyFigures: report.keyFigures.map((k) => ({ ...k, label: words.keyFigures[k.key], cell: cellIn(words, k.cell) })),
    tables: report.tables.map((t) => ({
      ...t,
      title: words.tables[t.id as keyof ReportWords['tables']].title,
      description: words.tables[t.id as keyof ReportWords['tables']].description,
      columns: t.columns.map((c) => ({ ...c, label: columnLabel(words, t.id, c.key) })),
      rows: t.rows.map((r) => ({
        ...r,
        label: rowLabel(words, t.id, r),
        cells: Object.fromEntries(Object.entries(r.cells).map(([key, cell]) => [key, cellIn(words, cell)])),
      })),
    })),
    notes: words.notes({
      threshold: report.threshold,
      primary: HIDDEN_DISPLAY.primary,
      secondary: HIDDEN_DISPLAY.secondary,
      tooFew: HIDDEN_DISPLAY['too-few'],
      minSample: MIN_DURATION_SAMPLE,
    }),
  };
}

/** Counts and rates are figures in every language; durations are the only cells with words ("12.0 days"). */
function cellIn(words: ReportWords, cell: PublishedCell): PublishedCell {
  if (cell.value === null || cell.display !== en.duration(cell.value)) return cell;
  return { ...cell, display: words.duration(cell.value) };
}
