/** Layout the renderers share; the words themselves are in the catalogues (domain/report/words). */
import type { RowGroup } from '../words/catalogue.js';

/** Whether a heading goes above a group's rows: not above the overall row, nor above a table's only breakdown (checkpoints, areas). */
export function headed(group: RowGroup): boolean {
  return group !== 'overall' && group !== 'checkpoint' && group !== 'area';
}
