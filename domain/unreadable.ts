/**
 * A message the worker could not read (not encrypted, under an unknown key, altered): the worker's
 * codec hands the programme this marker instead of failing the programme's workflow task, and the
 * programme records the message as refused with the reason. The reason names the key or the rule,
 * never any content.
 */
export const UNREADABLE = 'prepared-return/unreadable-payload';

export interface UnreadablePayload {
  readonly [UNREADABLE]: string;
}

export function unreadable(reason: string): UnreadablePayload {
  return { [UNREADABLE]: reason };
}

/** The reason a message could not be read, or undefined when it was read. */
export function unreadableReason(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !(UNREADABLE in value)) return undefined;
  const reason = (value as Record<string, unknown>)[UNREADABLE];
  return typeof reason === 'string' ? reason : 'the payload could not be read';
}
