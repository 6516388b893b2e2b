/**
 * Times as a busy caseworker reads them: "in 3 days", "2 hours ago", next to the local date and time
 * for the record. The programme stores UTC; people read their own clock.
 */
const UNITS: Array<[string, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** `in 3 days`, `2 hours ago`, `now`. Rounded down to the largest whole unit. */
export function relative(iso: string, now: number = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  if (abs < 1000) return 'now';
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) {
      const n = Math.floor(abs / ms);
      const words = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return diff > 0 ? `in ${words}` : `${words} ago`;
    }
  }
  return 'now';
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
