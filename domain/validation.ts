/**
 * One way to turn a failed zod validation into words, used at every boundary (environment,
 * CLI flags, gateway requests, workflow inputs and updates). The message names the field and
 * what was expected; it never repeats the value, because the value may be personal data.
 */
import { z } from 'zod';

export interface FieldProblem {
  field: string;
  problem: string;
}

/** The field path as a person would write it: `travel.date`, `partners[2].email`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(input)';
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: fieldPath(issue.path), problem: issue.message }));
}

/** `field: problem` lines, one per issue, optionally with each field renamed (e.g. to a CLI flag). */
export function describeProblems(error: z.ZodError, rename: (field: string) => string = (f) => f): string {
  return fieldProblems(error)
    .map(({ field, problem }) => `${rename(field)}: ${problem}`)
    .join('\n');
}

/** Thrown by `parseOrThrow`; its message is safe to show and to log. */
export class ValidationError extends Error {
  constructor(
    readonly what: string,
    readonly problems: FieldProblem[],
    rename: (field: string) => string = (f) => f,
  ) {
    super(`${what} is not valid:\n${problems.map((p) => `  ${rename(p.field)}: ${p.problem}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(what, fieldProblems(result.error));
  return result.data;
}
