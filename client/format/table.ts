/** A plain text table: left-aligned columns, a header, two spaces between columns. */
import { visibleLength, type Style } from './style.js';

export function table(headers: string[], rows: string[][], style: Style): string {
  const widths = headers.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell))))
      .join('  ')
      .trimEnd();
  return [style.bold(line(headers)), ...rows.map(line)].join('\n');
}

/** `Label:  value` lines with the values aligned. */
export function fields(pairs: Array<[string, string]>, style: Style): string {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `${style.bold(`${label}:`.padEnd(width))}  ${value}`).join('\n');
}
