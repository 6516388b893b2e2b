/**
 * Her situation per area as ledger codes: `housing-secure`, `legal-status-critical`, one per area
 * in the order of SITUATION_AREAS. Six codes beside the checkpoint's fit the eight a record holds;
 * the levels are the report form's fixed scale, so nothing a person typed reaches the ledger.
 */
import { SITUATION_AREAS, SituationLevel, type SituationArea } from '../events.js';

/** Her situation in every area, on the fixed scale. */
export type AreaLevels = Record<SituationArea, SituationLevel>;

/** `legalStatus` → `legal-status`: ledger codes are lower case. */
const areaCode = (area: SituationArea): string => area.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The codes of a report in the area form; none for any other form (the earlier one, or a report without a situation). */
export function situationCodes(situation: Readonly<Record<string, string | boolean>> | undefined): string[] {
  if (!situation || !SITUATION_AREAS.every((a) => SituationLevel.safeParse(situation[a]).success)) return [];
  return SITUATION_AREAS.map((a) => `${areaCode(a)}-${situation[a] as SituationLevel}`);
}

/** The situation back from a record's codes; null unless every area is there exactly once. */
export function situationFromCodes(codes: readonly string[]): AreaLevels | null {
  const levels: Partial<AreaLevels> = {};
  for (const code of codes) {
    const area = SITUATION_AREAS.find((a) => code.startsWith(`${areaCode(a)}-`));
    const level = area && SituationLevel.safeParse(code.slice(areaCode(area).length + 1));
    if (!area || !level?.success || levels[area] !== undefined) return null;
    levels[area] = level.data;
  }
  return SITUATION_AREAS.every((a) => levels[a] !== undefined) ? (levels as AreaLevels) : null;
}
