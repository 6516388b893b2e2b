/** How a programme ends (docs/design.md §2.7). Reports are built from these. */
import { z } from 'zod';

export const Outcome = z.enum([
  'residence-granted',
  'returned-followed-up',
  'returned-follow-up-incomplete',
  'returned-no-follow-up-consent',
  'absconded',
  'declined',
  'cancelled',
]);
export type Outcome = z.output<typeof Outcome>;

export const OUTCOME_WORDS: Record<Outcome, string> = {
  'residence-granted': 'residence granted; the return is off',
  'returned-followed-up': 'returned and followed up for a year',
  'returned-follow-up-incomplete': 'returned; follow-up incomplete',
  'returned-no-follow-up-consent': 'returned; no consent to follow-up',
  absconded: 'missing; programme closed',
  declined: 'she withdrew from the programme before departure',
  cancelled: 'closed by a caseworker',
};
