/**
 * Flags and schema fields: the client checks its input with the very schemas the programme uses,
 * and every problem, its own or the programme's, is told in terms of the flag the caseworker typed.
 */
import type { z } from 'zod';
import { describeProblems } from '../../domain/validation.js';
import { CliError, EXIT } from '../errors.js';

/** Schema field path → the flag that fills it, e.g. `{ date: '--travel-date', by: '--caseworker' }`. */
export type FlagNames = Record<string, string>;

export function flagFor(flags: FlagNames, field: string): string {
  // `consent.at` falls back to the flag of `consent`; `needs[2]` to the flag of `needs`.
  for (let f = field; f; ) {
    const flag = flags[f];
    if (flag) return flag;
    const parent = f.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    f = parent === f ? '' : parent;
  }
  return field;
}

/** Parses with a shared schema; a problem becomes `--flag: rule` lines and a usage exit. */
export function parseFlags<S extends z.ZodType>(schema: S, value: unknown, flags: FlagNames): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(describeProblems(parsed.error, (field) => flagFor(flags, field)), EXIT.usage);
  return parsed.data;
}

/**
 * The programme's refusal with its field names turned into flags. Refusals are `field: rule`
 * clauses joined by `; `, or a plain sentence, which is kept as it is.
 */
export function renameReason(reason: string, flags: FlagNames): string {
  return reason
    .split('; ')
    .map((clause) => clause.replace(/^([A-Za-z][\w.[\]-]*): /, (whole, field: string) => {
      const flag = flagFor(flags, field);
      return flag === field ? whole : `${flag}: `;
    }))
    .join('; ');
}

/** `a,b, c` → `['a', 'b', 'c']`, for flags that take a list. */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
