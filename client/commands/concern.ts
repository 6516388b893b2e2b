/** `raise-concern <case>`: threats, contact from traffickers or creditors, lost contact; alerts the supervisor at once. */
import type { Command } from 'commander';
import { eventOptions, onBehalfOptions, reportEvent, type EventOptions } from './event.js';
import { examples, withSession } from './shared.js';

export function registerConcern(program: Command): void {
  const command = program
    .command('raise-concern')
    .description('Raise a concern about her safety; the supervisor is alerted at once.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--kind <kind>', 'threats, trafficker-contact, creditor-contact, lost-contact, suspected-re-trafficking or other')
    .action(
      withSession<EventOptions & { kind: string }>((session, caseRef, options) =>
        reportEvent(session, caseRef, 'concernRaised', { kind: options.kind }, options, { kind: '--kind' }, `Recorded for ${caseRef}: concern ${options.kind} raised; the supervisor is alerted`),
      ),
    );
  onBehalfOptions(eventOptions(command), false);
  examples(command, 'prepared-return raise-concern CMM-2026-0042 --kind trafficker-contact');
}
