/** The asylum track as the authorities decide it: applied, decided (DIS, then FLN), reopened. */
import type { Command } from 'commander';
import { eventOptions, reportEvent, type EventOptions } from './event.js';
import { examples, withSession } from './shared.js';

export function registerAsylum(program: Command): void {
  const applied = program
    .command('asylum-applied')
    .description('She applied for asylum: the Immigration Service (DIS) decides; no departure while pending.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .action(
      withSession<EventOptions>((session, caseRef, options) =>
        reportEvent(session, caseRef, 'asylumApplied', {}, options, {}, `Recorded for ${caseRef}: asylum applied for; travel waits for the decision`),
      ),
    );
  eventOptions(applied);
  examples(applied, 'prepared-return asylum-applied CMM-2026-0042 --at 2027-01-10');

  const decision = program
    .command('record-asylum-decision')
    .description('Record a decision of the Immigration Service (DIS) or the Refugee Appeals Board (FLN). A DIS rejection goes to FLN; FLN is final.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--authority <authority>', 'DIS or FLN')
    .requiredOption('--decision <decision>', 'convention (§7(1)), protection (§7(2)), temporary-protection (§7(3)) or rejected')
    .action(
      withSession<EventOptions & { authority: string; decision: string }>((session, caseRef, options) =>
        reportEvent(
          session,
          caseRef,
          'asylumDecision',
          { authority: options.authority, decision: options.decision },
          options,
          { authority: '--authority', decision: '--decision' },
          `Recorded for ${caseRef}: ${options.authority} decided ${options.decision}`,
        ),
      ),
    );
  eventOptions(decision);
  examples(decision, 'prepared-return record-asylum-decision CMM-2026-0042 --authority DIS --decision rejected', 'prepared-return record-asylum-decision CMM-2026-0042 --authority FLN --decision protection');

  const reopened = program
    .command('case-reopened')
    .description('The Refugee Appeals Board reopened the asylum case (possible even after departure).')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .action(
      withSession<EventOptions>((session, caseRef, options) =>
        reportEvent(session, caseRef, 'caseReopened', {}, options, {}, `Recorded for ${caseRef}: asylum case reopened`),
      ),
    );
  eventOptions(reopened);
  examples(reopened, 'prepared-return case-reopened CMM-2026-0042');
}
