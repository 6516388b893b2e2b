/**
 * Times as a busy caseworker reads them: "in 3 days", "2 hours ago", next to the local date and time
 * for the record. The programme stores UTC; people read their own clock.
 */
import { inLargestUnit } from '../../domain/durations.js';

/** `in 3 days`, `2 hours ago`, `now`. Rounded down to the largest whole unit. */
export function relative(iso: string, now: number = Date.now()): string {
  const span = inLargestUnit(Date.parse(iso) - now);
  if (!span) return 'now';
  const n = Math.abs(span.count);
  const words = `${n} ${span.unit}${n === 1 ? '' : 's'}`;
  return span.count > 0 ? `in ${words}` : `${words} ago`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2027-03-01 12:00` in local time. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `in 3 days (2027-03-01 12:00)`. */
export function when(iso: string, now: number = Date.now()): string {
  return `${relative(iso, now)} (${localDateTime(iso)})`;
}

export function isPast(iso: string, now: number = Date.now()): boolean {
  return Date.parse(iso) < now;
}
