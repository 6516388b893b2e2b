/** The timeline as a table: every entry, refused ones marked with their reason. */
import type { TimelineEntry } from '../../domain/status.js';
import { detailText, eventWords } from './events.js';
import type { Style } from './style.js';
import { table } from './table.js';
import { localDateTime, relative } from './time.js';

export function formatTimeline(entries: TimelineEntry[], style: Style, now: number = Date.now()): string {
  if (entries.length === 0) return 'No events yet.';
  const rows = entries.map((e) => [
    String(e.seq),
    `${localDateTime(e.at)}  ${style.dim(relative(e.at, now))}`,
    eventWords(e.kind),
    e.by,
    e.result === 'refused' ? style.red(`refused: ${e.reason ?? ''}`) : [detailText(e.detail), e.eventId ? style.dim(e.eventId) : ''].filter(Boolean).join('  '),
  ]);
  return table(['#', 'When', 'What', 'By', 'Detail'], rows, style);
}
