/** The report as CSV for spreadsheets: one published figure per line (RFC 4180 quoting). */
import type { ReportLanguage } from '../language.js';
import type { PublishedReport } from '../publish.js';
import { inLanguage } from './inLanguage.js';

/** The header and the table, row group and column fields are codes in every language; row labels and displays follow `lang`. */
export function renderCsv(published: PublishedReport, lang: ReportLanguage = 'en'): string {
  const report = inLanguage(published, lang);
  const lines = [['table', 'row_group', 'row', 'column', 'value', 'display']];
  for (const t of report.tables) {
    for (const row of t.rows) {
      for (const c of t.columns) {
        const cell = row.cells[c.key]!;
        lines.push([t.id, row.group, row.label, c.key, cell.value === null ? '' : String(cell.value), cell.display]);
      }
    }
  }
  return `${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`;
}

function quote(field: string): string {
  // A leading = + - @ would be taken for a formula by spreadsheets; labels are codes, but be safe.
  const safe = /^[=+\-@]/.test(field) ? `'${field}` : field;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
