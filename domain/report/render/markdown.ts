/** The report in Markdown for publishing: the same key figures, tables and notes as the HTML page. */
import type { PublishedReport, PublishedTable } from '../publish.js';
import { reportCharts } from './charts.js';
import { GROUP_HEADINGS, headed, periodWords } from './words.js';

export function renderMarkdown(report: PublishedReport): string {
  const lines = [`# ${report.title}`, '', periodWords(report), '', '## Key figures', '', '| | |', '|---|---:|'];
  for (const k of report.keyFigures) lines.push(`| ${md(k.label)} | ${md(k.cell.display)} |`);
  // The charts' figures, as lists, so the Markdown carries everything the HTML page shows.
  lines.push('', '## Charts', '');
  for (const chart of reportCharts(report)) {
    lines.push(`**${md(chart.title)}**`, '');
    if (chart.bars.length === 0) lines.push('- (none)');
    for (const bar of chart.bars) lines.push(`- ${md(bar.label)}: ${md(bar.cell.display)}`);
    lines.push('');
  }
  for (const t of report.tables) lines.push(...table(t));
  lines.push('## About these figures', '', ...report.notes.map((n) => `- ${md(n)}`), '');
  return lines.join('\n');
}

function table(t: PublishedTable): string[] {
  const lines = [`## ${md(t.title)}`, '', md(t.description), '', `| | ${t.columns.map((c) => md(c.label)).join(' | ')} |`, `|---|${t.columns.map(() => '---:').join('|')}|`];
  let group = '';
  for (const row of t.rows) {
    if (row.group !== group && headed(row.group)) lines.push(`| **${GROUP_HEADINGS[row.group]}** |${t.columns.map(() => ' ').join('|')}|`);
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
