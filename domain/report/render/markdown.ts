/** The report in Markdown for publishing: the same key figures, tables and notes as the HTML page. */
import type { ReportLanguage } from '../language.js';
import type { PublishedReport, PublishedTable } from '../publish.js';
import type { ReportWords } from '../words/catalogue.js';
import { reportWords } from '../words/index.js';
import { reportCharts } from './charts.js';
import { inLanguage } from './inLanguage.js';
import { headed } from './words.js';

export function renderMarkdown(published: PublishedReport, lang: ReportLanguage = 'en'): string {
  const report = inLanguage(published, lang);
  const words = reportWords(lang);
  const lines = [`# ${report.title}`, '', words.period({ ...report.period, generatedAt: report.generatedAt }), '', `## ${words.headings.keyFigures}`, '', '| | |', '|---|---:|'];
  for (const k of report.keyFigures) lines.push(`| ${md(k.label)} | ${md(k.cell.display)} |`);
  // The charts' figures, as lists, so the Markdown carries everything the HTML page shows.
  lines.push('', `## ${words.headings.charts}`, '');
  for (const chart of reportCharts(report, words)) {
    lines.push(`**${md(chart.title)}**`, '');
    if (chart.bars.length === 0) lines.push(`- ${words.headings.none}`);
    for (const bar of chart.bars) lines.push(`- ${md(bar.label)}: ${md(bar.cell.display)}`);
    lines.push('');
  }
  for (const t of report.tables) lines.push(...table(t, words));
  lines.push(`## ${words.headings.notes}`, '', ...report.notes.map((n) => `- ${md(n)}`), '');
  return lines.join('\n');
}

function table(t: PublishedTable, words: ReportWords): string[] {
  const lines = [`## ${md(t.title)}`, '', md(t.description), '', `| | ${t.columns.map((c) => md(c.label)).join(' | ')} |`, `|---|${t.columns.map(() => '---:').join('|')}|`];
  let group = '';
  for (const row of t.rows) {
    if (row.group !== group && headed(row.group)) lines.push(`| **${words.groups[row.group]}** |${t.columns.map(() => ' ').join('|')}|`);
    group = row.group;
    lines.push(`| ${md(row.label)} | ${t.columns.map((c) => md(row.cells[c.key]!.display)).join(' | ')} |`);
  }
  lines.push('');
  return lines;
}

/**
 * Markdown-significant characters in table text. The Markdown is read in a terminal as often as it
 * is rendered, so `<3` stays `<3`: a `<` before a digit or a space cannot open an HTML tag. Before
 * anything else it gets a backslash, which a renderer drops.
 */
export function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/<(?![\d\s])/g, '\\<').replace(/\*/g, '\\*').replace(/_/g, '\\_');
}
