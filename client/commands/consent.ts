/** `withdraw-consent <case>`: she withdrew a consent (any scope, any time); recording one is `record-consent`. */
import type { Command } from 'commander';
import { eventOptions, onBehalfOptions, reportEvent, type EventOptions } from './event.js';
import { examples, withSession } from './shared.js';

export function registerConsent(program: Command): void {
  const withdraw = program
    .command('withdraw-consent')
    .description('She withdrew a consent. Participation before departure ends the programme as declined; follow-up stops the checkpoints. Nothing earlier is deleted.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--scope <scope>', 'participation, sharing or follow-up')
    .option('--source <source>', 'how she said it: in-person, interpreter, written or legal-representative', 'in-person')
    .action(
      withSession<EventOptions & { scope: string; source: string }>((session, caseRef, options) =>
        reportEvent(
          session,
          caseRef,
          'consentWithdrawn',
          { scope: options.scope, source: options.source },
          options,
          { scope: '--scope', source: '--source' },
          `Recorded for ${caseRef}: consent to ${options.scope} withdrawn`,
        ),
      ),
    );
  onBehalfOptions(eventOptions(withdraw), false);
  examples(withdraw, 'prepared-return withdraw-consent CMM-2026-0042 --scope follow-up --source written');
}
