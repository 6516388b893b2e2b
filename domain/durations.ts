/**
 * Durations as people write them (`14d`, `48h`, `90s`, `500ms`) and as the programme stores them
 * (milliseconds). Pure, so workflows, the client and the gateway share one reading.
 */
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export const DAY = UNIT_MS.d;
export const HOUR = UNIT_MS.h;

/** `14d` → 1 209 600 000; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

/** The shortest exact writing of a duration: 1 209 600 000 → `14d`. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** A positive duration given as milliseconds or as text such as `14d`; always milliseconds after parsing. */
export const Duration = z.union(
  [
    z.number().int('expected whole milliseconds').positive('expected a positive duration'),
    z.string().transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: 'expected a duration such as 14d, 48h, 90s or 500ms' });
        return z.NEVER;
      }
      return ms;
    }),
  ],
  { error: 'expected a duration such as 14d, 48h, 90s or 500ms' },
);

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export function msBetween(fromIso: string, toIso: string): number {
  return Date.parse(toIso) - Date.parse(fromIso);
}

export function isBefore(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

/** Plain calendar date (2027-03-01) for messages a person reads. */
export function calendarDate(iso: string): string {
  return iso.slice(0, 10);
}
