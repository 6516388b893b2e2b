/**
 * Dates as a caseworker types them. A plain date (`2027-03-01`) means midday local time: far from
 * midnight, so the calendar date stays the same in UTC and in Danish time. A date-time without an
 * offset is local time; one with `Z` or an offset is taken as written. `now`, `today`, `tomorrow`
 * and `+10d` (ten days from now) spare a calendar. `today` is now: something that happened today
 * happened by now, and a period counted from it (a demo policy's five-minute reflection period)
 * must not have run out, as it would from a midday already past. Today's date typed out is `today`
 * too, for what has happened: at eight in the morning, a guardian appointed "2026-12-02" was not
 * appointed at a midday still to come, and the programme would refuse it as a date in the future.
 * For what is planned (a travel date, the end of an extension) a date stays its midday, today's too:
 * a flight today at eight in the morning is still to come.
 */
import { parseDuration } from '../../domain/durations.js';
import { CliError, EXIT } from '../errors.js';

/** Whether a date is of something that has happened (not after now) or of something planned. */
export type DateKind = 'happened' | 'planned';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO date-time in UTC, or undefined when the text is not a date. */
export function parseWhen(text: string, now: Date = new Date(), kind: DateKind = 'happened'): string | undefined {
  const value = text.trim();
  if (value === 'now') return now.toISOString();
  if (value === 'today') return now.toISOString();
  if (value === 'tomorrow') return parseWhen(localDate(new Date(now.getTime() + 86_400_000)), now, 'planned');
  // `+10d`: ten days from now, for plans made relative to today.
  if (value.startsWith('+')) {
    const ms = parseDuration(value.slice(1));
    return ms === undefined ? undefined : new Date(now.getTime() + ms).toISOString();
  }
  const date = DATE.exec(value);
  let ms: number;
  if (date) {
    if (kind === 'happened' && value === localDate(now)) return now.toISOString();
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const local = new Date(year, month - 1, day, 12, 0, 0);
    // Reject 2027-02-30 and friends instead of rolling over into March.
    if (local.getFullYear() !== year || local.getMonth() !== month - 1 || local.getDate() !== day) return undefined;
    ms = local.getTime();
  } else if (LOCAL_DATE_TIME.test(value) || ZONED_DATE_TIME.test(value)) {
    ms = new Date(value).getTime();
  } else {
    return undefined;
  }
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The calendar day a person means (`2026-03-02`, `today`): the day as typed, never shifted by UTC. */
export function dayOf(text: string, now: Date = new Date()): string | undefined {
  const value = text.trim();
  if (DATE.test(value)) return parseWhen(value, now, 'planned') === undefined ? undefined : value;
  const iso = parseWhen(value, now);
  return iso === undefined ? undefined : localDate(new Date(iso));
}

const expectedDate = (flag: string): CliError =>
  new CliError(`${flag}: expected a date such as 2027-03-01, a date-time such as 2027-03-01T09:30, today, now or +10d`, EXIT.usage);

/** Like `parseWhen`, but a bad value is a usage error that names the flag. */
export function whenFlag(flag: string, text: string, kind: DateKind = 'happened'): string {
  const iso = parseWhen(text, new Date(), kind);
  if (iso === undefined) throw expectedDate(flag);
  return iso;
}

/** Like `dayOf`, but a bad value is a usage error that names the flag. */
export function dayFlag(flag: string, text: string): string {
  const day = dayOf(text);
  if (day === undefined) throw expectedDate(flag);
  return day;
}
