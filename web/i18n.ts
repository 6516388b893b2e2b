/**
 * Danish by default, English on request: one catalogue per language (web/messages), the choice kept
 * in a cookie so it survives sign-in. Times are read on Danish clocks whatever the language.
 */
import { inLargestUnit } from '../domain/durations.js';
import { da, en, type Messages } from './messages/index.js';

export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'da';
const CATALOGUES: Record<Language, Messages> = { da, en };
const TIME_ZONE = 'Europe/Copenhagen';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export interface Words {
  lang: Language;
  m: Messages;
  /** `{name}` placeholders filled in. */
  fill(text: string, values: Record<string, string | number>): string;
  date(iso: string): string;
  dateTime(iso: string): string;
  /** "in 3 days", "om 3 dage". */
  relative(iso: string, now?: number): string;
}

export function wordsFor(lang: Language): Words {
  const m = CATALOGUES[lang];
  const dateFormat = new Intl.DateTimeFormat(m.time.locale, { timeZone: TIME_ZONE, dateStyle: 'long' });
  const dateTimeFormat = new Intl.DateTimeFormat(m.time.locale, { timeZone: TIME_ZONE, dateStyle: 'long', timeStyle: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(m.time.locale, { numeric: 'auto' });
  return {
    lang,
    m,
    fill: (text, values) => text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole)),
    date: (iso) => dateFormat.format(new Date(iso)),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
    relative(iso, now = Date.now()) {
      const span = inLargestUnit(Date.parse(iso) - now);
      return span ? relativeFormat.format(span.count, span.unit) : relativeFormat.format(0, 'second');
    },
  };
}
