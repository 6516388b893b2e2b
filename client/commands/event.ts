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
  /** Recording a partner's event on its behalf: the partner, how the answer came, when it came. */
  forPartner?: string;
  via?: string;
  received?: string;
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
 * `--for-partner`, `--via`, `--received`: a partner's answer that came by e-mail, phone or in a
 * meeting, recorded by the caseworker on the partner's behalf. Required on the partner's own
 * events (acknowledgement, answer, handover, follow-up), optional where a caseworker may also speak.
 */
export function onBehalfOptions(command: Command, required: boolean): Command {
  const partner = '--for-partner <id>';
  const what = "the partner whose answer you record, e.g. th-open-door";
  if (required) command.requiredOption(partner, what);
  else command.option(partner, `${what} (when you record a partner's report)`);
  return command
    .option('--via <channel>', "how the partner's answer came: email, phone or meeting (with --for-partner)")
    .option('--received <date>', "when the centre received the partner's answer (with --for-partner; default: now)");
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
  const relayed = options.forPartner !== undefined;
  const allFlags: FlagNames = {
    eventId: '--event-id',
    at: '--at',
    sender: '--caseworker',
    'onBehalfOf.partnerId': '--for-partner',
    'onBehalfOf.channel': '--via',
    'onBehalfOf.receivedAt': '--received',
    onBehalfOf: '--for-partner',
    // On a partner's behalf, the programme's rules about the sender are about that partner.
    ...(relayed ? { sender: '--for-partner' } : {}),
    ...flags,
  };
  if (!relayed && (options.via !== undefined || options.received !== undefined)) {
    throw new CliError('--via and --received describe a partner\'s answer: give --for-partner <id> with them', EXIT.usage);
  }
  if (relayed && options.via === undefined) throw new CliError("--via: expected how the partner's answer came: email, phone or meeting", EXIT.usage);
  const schema = caseworkerEventSchema(events.EVENTS, signal, relayed);
  checkCaseRef(caseRef);
  const sender = { role: 'caseworker' as const, id: await session.caseworker(options.caseworker) };
  const at = options.at === undefined ? new Date().toISOString() : whenFlag('--at', options.at);
  const receivedAt = options.received === undefined ? new Date().toISOString() : whenFlag('--received', options.received);
  await checkDates(session, caseRef, [
    ['--at', options.at, at],
    ['--received', options.received, receivedAt],
  ]);
  const body = relayed ? { ...fields, onBehalfOf: { partnerId: options.forPartner, channel: options.via, receivedAt } } : fields;
  // The id is checked here too, so a bad --event-id is a usage error and not a refused event.
  const probe = { eventId: options.eventId ?? 'cw-probe', at, sender, ...body };
  parseFlags(schema, probe, allFlags);

  const { eventId, entry } = await sendEvent(session, caseRef, signal, body, { ...(options.eventId ? { eventId: options.eventId } : {}), at, sender, wait: options.wait });
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
 * The dates a caseworker typed, checked by the programme's rule before anything is sent: not in the
 * future (beyond a few minutes of clock skew), not before the programme opened.
 */
async function checkDates(session: Session, caseRef: string, dates: Array<[flag: string, typed: string | undefined, iso: string]>): Promise<void> {
  const typed = dates.filter(([, text]) => text !== undefined);
  if (typed.length === 0) return;
  const [{ EVENT_CLOCK_SKEW }, { readStatus }] = await Promise.all([import('../../domain/policy.js'), import('../programme.js')]);
  for (const [flag, , iso] of typed) {
    if (Date.parse(iso) > Date.now() + EVENT_CLOCK_SKEW) throw new CliError(`${flag}: must not be in the future (${iso})`, EXIT.usage);
  }
  const { openedAt } = await readStatus(session, caseRef);
  for (const [flag, , iso] of typed) {
    if (Date.parse(iso) < Date.parse(openedAt) - EVENT_CLOCK_SKEW) throw new CliError(`${flag}: must not be before the programme opened (${openedAt})`, EXIT.usage);
  }
}

/**
 * The schema the client checks a caseworker's event with: the programme's own, from the catalogue.
 * A partner's event is reported by a caseworker only on the partner's behalf (`--for-partner`).
 */
export function caseworkerEventSchema(catalogue: EventCatalogue, name: string, onBehalfOfPartner = false): EventDeclaration['schema'] {
  const declaration = catalogue[name];
  const speaks = onBehalfOfPartner ? declaration?.senders.includes('partner') : declaration?.senders.includes('caseworker');
  if (!declaration || !speaks) throw new CliError(`${name}: not an event a caseworker reports${onBehalfOfPartner ? " on a partner's behalf" : ''}`, EXIT.usage);
  return declaration.schema;
}
