/**
 * Custom search attributes a supervisor filters programmes by in the Temporal Web UI.
 *
 * They are stored in plain text by the server (never encrypted), so they hold only pseudonymous
 * references and codes: a case reference's programme ID, a country code, an organisation code,
 * a caseworker's staff id, a stage, a date and a flag. Never a name, a birth date or free text.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ProgrammeStage = defineSearchAttributeKey('ProgrammeStage', SearchAttributeType.KEYWORD);
export const HomeCountry = defineSearchAttributeKey('HomeCountry', SearchAttributeType.KEYWORD);
export const PartnerOrg = defineSearchAttributeKey('PartnerOrg', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const Escalated = defineSearchAttributeKey('Escalated', SearchAttributeType.BOOL);
export const CaseworkerId = defineSearchAttributeKey('CaseworkerId', SearchAttributeType.KEYWORD);

/** Every custom attribute, in the order they are registered with the server at start. */
export const programmeSearchAttributes = [
  ProgrammeStage,
  HomeCountry,
  PartnerOrg,
  NextDeadline,
  Escalated,
  CaseworkerId,
] as const;

/** `Name=Type` as the Temporal CLI's `--search-attribute` flag expects it (the dev servers). */
export function searchAttributeFlags(): string[] {
  const cliType: Record<string, string> = {
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.DATETIME]: 'Datetime',
    [SearchAttributeType.BOOL]: 'Bool',
  };
  return programmeSearchAttributes.map((key) => `${key.name}=${cliType[key.type]}`);
}
