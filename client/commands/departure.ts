/** Where she is: departed, missing, found again. */
import type { Command } from 'commander';
import { eventOptions, onBehalfOptions, reportEvent, type EventOptions } from './event.js';
import { examples, withSession } from './shared.js';

export function registerDeparture(program: Command): void {
  const confirm = program
    .command('confirm-departure')
    .description('Confirm she departed; the receiving partner then confirms she was received.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .action(
      withSession<EventOptions>((session, caseRef, options) =>
        reportEvent(session, caseRef, 'departureConfirmed', {}, options, {}, `Recorded for ${caseRef}: departure confirmed`),
      ),
    );
  eventOptions(confirm);
  examples(confirm, 'prepared-return confirm-departure CMM-2026-0042', 'prepared-return confirm-departure CMM-2026-0042 --at 2027-02-20T08:15 --event-id ra-flight-4711');

  const missing = program
    .command('report-missing')
    .description('Report that she is missing (before departure), or with --found that she is back in contact.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .option('--found', 'she was found again / is back in contact')
    .action(
      withSession<EventOptions & { found?: boolean }>((session, caseRef, options) =>
        reportEvent(
          session,
          caseRef,
          'personMissing',
          { state: options.found ? 'found' : 'missing' },
          options,
          { state: '--found' },
          options.found ? `Recorded for ${caseRef}: found again` : `Recorded for ${caseRef}: missing; the programme closes as absconded if she is not found in time`,
        ),
      ),
    );
  onBehalfOptions(eventOptions(missing), false);
  examples(missing, 'prepared-return report-missing CMM-2026-0042', 'prepared-return report-missing CMM-2026-0042 --found');
}
