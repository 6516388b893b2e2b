/**
 * The events a caseworker reports herself, one entry each: the asylum track as the authorities
 * decide it (applied, decided by DIS then FLN, reopened), where she is (departed, missing, found
 * again), a consent she withdrew and a concern about her safety. Each entry says its command, its own
 * options, the event's fields from them (and the flag each field came from, for error messages) and
 * what the caseworker reads once it is recorded; `--event-id`, `--at` and the rest come with every one.
 */
import type { Command } from 'commander';
import type { EventName } from '../../domain/events.js';
import type { FlagNames } from '../input/flags.js';
import { eventOptions, onBehalfOptions, reportEvent, type EventOptions } from './event.js';
import { examples, withSession } from './shared.js';

type Options = EventOptions & Record<string, string | boolean | undefined>;

interface CaseworkerEvent {
  command: string;
  event: EventName;
  description: string;
  options?: Array<{ flags: string; description: string; required?: true; default?: string }>;
  fields?: (options: Options) => Record<string, unknown>;
  flags?: FlagNames;
  /** A partner may tell the centre this too: `--for-partner` records it on the partner's behalf. */
  partnerMaySay?: true;
  done: (caseRef: string, options: Options) => string;
  examples: string[];
}

const CASEWORKER_EVENTS: CaseworkerEvent[] = [
  {
    command: 'asylum-applied',
    event: 'asylumApplied',
    description: 'She applied for asylum: the Immigration Service (DIS) decides; no departure while pending.',
    done: (caseRef) => `Recorded for ${caseRef}: asylum applied for; travel waits for the decision`,
    examples: ['prepared-return asylum-applied CMM-2026-0042 --at 2026-11-10'],
  },
  {
    command: 'record-asylum-decision',
    event: 'asylumDecision',
    description: 'Record a decision of the Immigration Service (DIS) or the Refugee Appeals Board (FLN). A DIS rejection goes to FLN; FLN is final.',
    options: [
      { flags: '--authority <authority>', description: 'DIS or FLN', required: true },
      { flags: '--decision <decision>', description: 'convention (§7(1)), protection (§7(2)), temporary-protection (§7(3)) or rejected', required: true },
    ],
    fields: (o) => ({ authority: o.authority, decision: o.decision }),
    flags: { authority: '--authority', decision: '--decision' },
    done: (caseRef, o) => `Recorded for ${caseRef}: ${String(o.authority)} decided ${String(o.decision)}`,
    examples: [
      'prepared-return record-asylum-decision CMM-2026-0042 --authority DIS --decision rejected',
      'prepared-return record-asylum-decision CMM-2026-0042 --authority FLN --decision protection',
    ],
  },
  {
    command: 'case-reopened',
    event: 'caseReopened',
    description: 'The Refugee Appeals Board reopened the asylum case (possible even after departure).',
    done: (caseRef) => `Recorded for ${caseRef}: asylum case reopened`,
    examples: ['prepared-return case-reopened CMM-2026-0042'],
  },
  {
    command: 'confirm-departure',
    event: 'departureConfirmed',
    description: 'Confirm she departed; the receiving partner then confirms she was received.',
    done: (caseRef) => `Recorded for ${caseRef}: departure confirmed`,
    examples: ['prepared-return confirm-departure CMM-2026-0042', 'prepared-return confirm-departure CMM-2026-0042 --at 2026-11-20T08:15 --event-id ra-flight-4711'],
  },
  {
    command: 'report-missing',
    event: 'personMissing',
    description: 'Report that she is missing (before departure), or with --found that she is back in contact.',
    options: [{ flags: '--found', description: 'she was found again / is back in contact' }],
    fields: (o) => ({ state: o.found ? 'found' : 'missing' }),
    flags: { state: '--found' },
    partnerMaySay: true,
    done: (caseRef, o) => (o.found ? `Recorded for ${caseRef}: found again` : `Recorded for ${caseRef}: missing; the programme closes as absconded if she is not found in time`),
    examples: ['prepared-return report-missing CMM-2026-0042', 'prepared-return report-missing CMM-2026-0042 --found'],
  },
  {
    command: 'withdraw-consent',
    event: 'consentWithdrawn',
    description: 'She withdrew a consent. Participation before departure ends the programme as declined; follow-up stops the checkpoints. Nothing earlier is deleted.',
    options: [
      { flags: '--scope <scope>', description: 'participation, sharing or follow-up', required: true },
      { flags: '--source <source>', description: 'how she said it: in-person, interpreter, written or legal-representative', default: 'in-person' },
    ],
    fields: (o) => ({ scope: o.scope, source: o.source }),
    flags: { scope: '--scope', source: '--source' },
    partnerMaySay: true,
    done: (caseRef, o) => `Recorded for ${caseRef}: consent to ${String(o.scope)} withdrawn`,
    examples: ['prepared-return withdraw-consent CMM-2026-0042 --scope follow-up --source written'],
  },
  {
    command: 'raise-concern',
    event: 'concernRaised',
    description: 'Raise a concern about her safety; the supervisor is alerted at once.',
    options: [{ flags: '--kind <kind>', description: 'threats, trafficker-contact, creditor-contact, lost-contact, suspected-re-trafficking or other', required: true }],
    fields: (o) => ({ kind: o.kind }),
    flags: { kind: '--kind' },
    partnerMaySay: true,
    done: (caseRef, o) => `Recorded for ${caseRef}: concern ${String(o.kind)} raised; the supervisor is alerted`,
    examples: ['prepared-return raise-concern CMM-2026-0042 --kind trafficker-contact'],
  },
];

export function registerCaseworkerEvents(program: Command): void {
  for (const entry of CASEWORKER_EVENTS) {
    const command = program.command(entry.command).description(entry.description).argument('<case>', 'case reference, e.g. CMM-2026-0042');
    for (const option of entry.options ?? []) {
      if (option.required) command.requiredOption(option.flags, option.description, option.default);
      else command.option(option.flags, option.description, option.default);
    }
    command.action(
      withSession<Options>((session, caseRef, options) =>
        reportEvent(session, caseRef, entry.event, entry.fields?.(options) ?? {}, options, entry.flags ?? {}, entry.done(caseRef, options)),
      ),
    );
    eventOptions(command);
    if (entry.partnerMaySay) onBehalfOptions(command, false);
    examples(command, ...entry.examples);
  }
}
