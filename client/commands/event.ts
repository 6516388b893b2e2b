/**
 * Events a caseworker reports (signals): each carries an event id, so repeating a command with the
 * same `--event-id` is safe (the programme records it once), the time it happened and the sender.
 */
import type { Command } from 'commander';
import type { EventCatalogue, EventDeclaration, EventName } from '../../domain/events.js';
import { CliError, EXIT } from '../errors.js';
import type { FlagNames } from '../input/flags.js';
import type { Session } from '../session.js';
import { caseworkerOption } from './shared.js';

export interface EventOptions {
  eventId?: string;
  at?: string;
  caseworker?: string;
  wait: boolean;
}

/** `--event-id`, `--at`, `--caseworker`, `--no-wait`: the same on every event command. */
export function eventOptions(command: Command): Command {
  caseworkerOption(command);
  return command
    .option('--event-id <id>', 'your id for this event; repeat a command with the same id to retry it safely (default: a new unique id)')
    .option('--at <date>', 'when it happened, e.g. 2027-02-20 or 2027-02-20T08:15 (default: now)')
    .option('--no-wait', 'do not wait to see the programme record the event');
}

/**
 * Validates the event with the programme's schema, sends it and reports what the programme made of
 * it: recorded, refused (with the reason, exit 1) or not yet seen (no worker is running).
 */
export async function reportEvent(
  session: Session,
  caseRef: string,
  signal: EventName,
  fields: Record<string, unknown>,
  options: EventOptions,
  flags: FlagNames,
  done: string,
): Promise<void> {
  const [events, { parseFlags, renameReason }, { whenFlag }, { sendEvent, checkCaseRef }] = await Promise.all([
    import('../../domain/events.js'),
    import('../input/flags.js'),
    import('../input/dates.js'),
    import('../programme.js'),
  ]);
  const allFlags: FlagNames = { eventId: '--event-id', at: '--at', sender: '--caseworker', ...flags };
  const schema = caseworkerEventSchema(events.EVENTS, signal);
  checkCaseRef(caseRef);
  const sender = { role: 'caseworker' as const, id: await session.caseworker(options.caseworker) };
  const at = options.at === undefined ? new Date().toISOString() : whenFlag('--at', options.at);
  // The id is checked here too, so a bad --event-id is a usage error and not a refused event.
  const probe = { eventId: options.eventId ?? 'cw-probe', at, sender, ...fields };
  parseFlags(schema, probe, allFlags);

  const { eventId, entry } = await sendEvent(session, caseRef, signal, fields, { ...(options.eventId ? { eventId: options.eventId } : {}), at, sender, wait: options.wait });
  const result = entry?.result ?? 'sent';
  if (entry?.result === 'refused') {
    const reason = renameReason(entry.reason ?? 'no reason given', allFlags);
    throw new CliError(`${reason.startsWith('--') ? reason : `Refused: ${reason}`}\n(recorded in the timeline as refused; event id ${eventId})`, EXIT.refused);
  }
  session.print({ caseRef, event: signal, eventId, result, ...(entry ? { seq: entry.seq } : {}) }, () =>
    entry
      ? `${done} (event ${eventId}).`
      : `Sent to ${caseRef} (event ${eventId}); the programme records it as soon as its worker runs. To retry safely, repeat with --event-id ${eventId}.`,
  );
}

/**
 * The schema the client checks a caseworker's event with: the programme's own, from the catalogue.
 * An event a caseworker may not send (a partner's) has no command.
 */
export function caseworkerEventSchema(catalogue: EventCatalogue, name: string): EventDeclaration['schema'] {
  const declaration = catalogue[name];
  if (!declaration?.senders.includes('caseworker')) throw new CliError(`${name}: not an event a caseworker reports`, EXIT.usage);
  return declaration.schema;
}
