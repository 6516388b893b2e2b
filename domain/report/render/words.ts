/** Words the renderers share. */
import type { PublishedReport } from '../publish.js';

export const GROUP_HEADINGS = {
  overall: 'All programmes',
  country: 'By home country',
  partner: 'By partner organisation',
  sex: 'By sex',
  ageBand: 'By age band',
  checkpoint: 'By checkpoint',
} as const;

export function periodWords(report: PublishedReport): string {
  return `Programmes opened in ${report.period.label} (from ${report.period.from.slice(0, 10)} up to, not including, ${report.period.to.slice(0, 10)}). Made ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`;
}
