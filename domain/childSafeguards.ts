/**
 * A child's case: before any referral, a guardian and a best-interests assessment that found the
 * return in the child's best interests (Council of Europe Convention Art. 16(7); UN CRC Art. 3).
 * The programme waits for them, the desk says what is missing, and a partner assigned by hand is
 * refused without them.
 */
import type { ProgrammeStatus } from './status.js';

/** What a child's referral still needs, in words; nothing for an adult. */
export function missingChildSafeguards(s: ProgrammeStatus): string[] {
  const safeguards = s.childSafeguards;
  if (!safeguards) return [];
  const missing: string[] = [];
  if (!safeguards.guardian) missing.push('a guardian');
  if (!safeguards.bestInterests) missing.push('a best-interests assessment');
  else if (safeguards.bestInterests.conclusion !== 'return-in-best-interests') missing.push("a best-interests assessment that finds the return in the child's best interests");
  return missing;
}

export const childSafeguarded = (s: ProgrammeStatus): boolean => missingChildSafeguards(s).length === 0;
