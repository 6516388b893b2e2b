/**
 * Shared rendering rules for mail templates. A template may only show the case reference, dates and
 * codes from the message schema. Facts are checked again here, key by key, against the code each key
 * is meant to hold, so a value that does not look like a code is never printed.
 */
import type { Language } from '../../domain/notifications.js';

/** The fact keys templates know, and what a value must look like to be shown. */
export const FACT_FORMATS = {
  partnerId: /^[a-z0-9][a-z0-9-]{1,63}$/,
  checkpoint: /^month-(1|3|6|12)$/,
  concern: /^[a-z][a-z-]{1,40}$/,
  outcome: /^[a-z][a-z-]{1,40}$/,
  reason: /^[a-z][a-z-]{1,40}$/,
  failure: /^[A-Za-z]{1,40}$/,
  country: /^[A-Z]{2}$/,
  partnersTried: /^\d{1,3}$/,
  asylumStatus: /^[a-z][a-z-]{1,40}$/,
  event: /^[a-zA-Z]{1,40}$/,
  seq: /^\d{1,6}$/,
  /** An escalation's number in the programme, and the topic it was raised on. */
  escalation: /^\d{1,4}$/,
  topic: /^[a-z][a-z-]{1,40}$/,
  reminders: /^\d{1,4}$/,
  /** A duration as the programme writes it (`14d`, `50h`), and dates shown with `when`. */
  usualAnswer: /^\d{1,9}(w|d|h|m|s|ms)$/,
  expectedBy: /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/,
  departureDeadline: /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/,
  extendUntil: /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/,
  /** Where a usual time came from: `measured` answers of the partner, or the `policy-window`. */
  basis: /^(measured|policy-window)$/,
  /** Who raised a concern, as `role:id` (the event's sender): `partner:ro-harbour-house`. */
  raisedBy: /^(partner|caseworker|return-agency):[a-z0-9][a-z0-9._-]{1,63}$/,
} as const;
export type FactKey = keyof typeof FACT_FORMATS;

const NOT_RECORDED: Record<Language, string> = { en: '(not recorded)', da: '(ikke oplyst)' };

export function fact(facts: Record<string, string> | undefined, key: FactKey, language: Language): string {
  const value = facts?.[key];
  return value !== undefined && FACT_FORMATS[key].test(value) ? value : NOT_RECORDED[language];
}

const RAISER: Record<Language, Record<string, string>> = {
  en: { partner: 'Partner', caseworker: 'Caseworker', 'return-agency': 'The Return Agency' },
  da: { partner: 'Partner', caseworker: 'Sagsbehandler', 'return-agency': 'Hjemrejsestyrelsen' },
};

/**
 * Who raised a concern, in words: `Partner ro-harbour-house`, `Caseworker cw-anna`. Messages
 * scheduled before the sender travelled with them name the partner by `partnerId`, if at all.
 */
export function raisedBy(facts: Record<string, string> | undefined, language: Language): string {
  const value = facts?.raisedBy;
  if (value !== undefined && FACT_FORMATS.raisedBy.test(value)) {
    const [role, id] = value.split(':') as [string, string];
    return `${RAISER[language][role]} ${id}`;
  }
  return `${RAISER[language].partner} ${fact(facts, 'partnerId', language)}`;
}

const LOCALE: Record<Language, string> = { en: 'en-GB', da: 'da-DK' };
const ZONE_NOTE: Record<Language, string> = { en: 'Danish time', da: 'dansk tid' };

/** A date-time as the recipient reads it: Copenhagen time in words, with the exact UTC value. */
export function when(iso: string | undefined, language: Language): string {
  if (!iso) return NOT_RECORDED[language];
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return NOT_RECORDED[language];
  const local = new Intl.DateTimeFormat(LOCALE[language], {
    timeZone: 'Europe/Copenhagen',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(date);
  return `${local} (${ZONE_NOTE[language]}; ${date.toISOString().replace('.000Z', 'Z')})`;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

const FOOTER: Record<Language, string> = {
  en: 'This message was sent automatically by the prepared-return programme. It deliberately contains no personal details: look the case up by its reference.',
  da: 'Denne besked er sendt automatisk af programmet for forberedt tilbagevenden. Den indeholder med vilje ingen personoplysninger: slå sagen op på sagsnummeret.',
};

export function mailBody(lines: Array<string | undefined>, language: Language): string {
  return [...lines.filter((l): l is string => l !== undefined), '', '--', FOOTER[language], ''].join('\n');
}
