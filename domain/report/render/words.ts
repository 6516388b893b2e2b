/** Words the renderers share. */
import type { RowGroup } from '../figures.js';
import type { PublishedReport } from '../publish.js';

export const GROUP_HEADINGS: Record<RowGroup, string> = {
  overall: 'All programmes',
  country: 'By home country',
  partner: 'By partner organisation',
  sex: 'By sex',
  ageBand: 'By age band',
  checkpoint: 'By checkpoint',
  area: 'By area',
};

/** Whether a heading goes above a group's rows: not above the overall row, nor above a table's only breakdown (checkpoints, areas). */
export function headed(group: RowGroup): boolean {
  return group !== 'overall' && group !== 'checkpoint' && group !== 'area';
}

export function periodWords(report: PublishedReport): string {
  return `Programmes opened in ${report.period.label} (from ${report.period.from.slice(0, 10)} up to, not including, ${report.period.to.slice(0, 10)}). Made ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`;
}
