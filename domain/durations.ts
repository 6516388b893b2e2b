/**
 * Durations as people write them (`14d`, `48h`, `4m30s`, `500ms`) and as the programme stores them
 * (milliseconds). Pure, so workflows, the client and the gateway share one reading.
 */
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export const DAY = UNIT_MS.d;
export const HOUR = UNIT_MS.h;

const UNIT_ORDER = ['w', 'd', 'h', 'm', 's', 'ms'] as const;
type Unit = (typeof UNIT_ORDER)[number];

/**
 * `14d` → 1 209 600 000; `4m30s` → 270 000; undefined when the text is not a duration. A compound
 * duration names each unit once, largest first (`1h30m`, not `30m1h`), as people write them.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/.test(trimmed)) return undefined;
  let total = 0;
  let previous = -1;
  for (const part of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) {
    const unit = part[2] as Unit;
    const rank = UNIT_ORDER.indexOf(unit);
    if (rank <= previous) return undefined;
    previous = rank;
    total += Number(part[1]) * UNIT_MS[unit];
  }
  return Number.isFinite(total) && total > 0 ? Math.round(total) : undefined;
}

/** The shortest exact writing of a duration: 1 209 600 000 → `14d`. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

export const DURATION_EXPECTED = 'expected a duration such as 14d, 48h, 4m30s or 500ms';

/** A positive duration given as milliseconds or as text such as `14d`; always milliseconds after parsing. */
export const Duration = z.union(
  [
    z.number().int('expected whole milliseconds').positive('expected a positive duration'),
    z.string().transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: DURATION_EXPECTED });
        return z.NEVER;
      }
      return ms;
    }),
  ],
  { error: DURATION_EXPECTED },
);

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/**
 * A moment to the minute, in UTC, for messages a person reads: `2027-03-01 14:05 UTC`. For deadlines
 * counted in hours or seconds (a short policy) the date alone would hide the answer.
 */
export function dateTimeUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Plain calendar date (2027-03-01) for messages a person reads. */
export function calendarDate(iso: string): string {
  return iso.slice(0, 10);
}

/** The units people read a span in, largest first (a month counted as 30 days, a year as 365). */
const SPAN_UNITS = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', UNIT_MS.m],
  ['second', UNIT_MS.s],
] as const;
export type SpanUnit = (typeof SPAN_UNITS)[number][0];

/**
 * A span in its largest whole unit, keeping its sign (-2.5 hours is -2 hours): what "in 3 days" and
 * "2 hours ago" are worded from. Under a second there is no unit: it is now.
 */
export function inLargestUnit(ms: number): { unit: SpanUnit; count: number } | undefined {
  for (const [unit, unitMs] of SPAN_UNITS) {
    if (Math.abs(ms) >= unitMs) return { unit, count: Math.trunc(ms / unitMs) };
  }
  return undefined;
}
