/** Consent: recorded (sharing with partners, follow-up) and withdrawn (any scope, any time). */
import type { Command } from 'commander';
import { eventOptions, reportEvent, type EventOptions } from './event.js';
import { caseworkerOption, examples, withSession } from './shared.js';

const SOURCES = 'in-person, interpreter, written or legal-representative';

export function registerConsent(program: Command): void {
  const record = program
    .command('record-consent')
    .description('Record a consent she gave after opening: sharing (needed before any referral) or follow-up (needed for checkpoints).')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--scope <scope>', 'sharing or follow-up')
    .option('--source <source>', `how she gave it: ${SOURCES}`, 'in-person')
    .option('--at <date>', 'when she gave it (default: now)')
    .action(
      withSession<{ scope: string; source: string; at?: string; caseworker?: string }>(async (session, caseRef, options) => {
        const [{ RecordConsent }, { parseFlags }, { whenFlag }, { runUpdate }] = await Promise.all([
          import('../../domain/commands.js'),
          import('../input/flags.js'),
          import('../input/dates.js'),
          import('../programme.js'),
        ]);
        const flags = { scope: '--scope', 'consent.source': '--source', 'consent.at': '--at', 'consent.recordedBy': '--caseworker' };
        const at = options.at === undefined ? new Date().toISOString() : whenFlag('--at', options.at);
        const payload = parseFlags(RecordConsent, { scope: options.scope, consent: { at, source: options.source, recordedBy: await session.caseworker(options.caseworker) } }, flags);
        const result = await runUpdate<{ scope: string; at: string }>(session, caseRef, 'recordConsent', payload, flags);
        session.print({ caseRef, ...result }, () => `Consent to ${result.scope} recorded for ${caseRef}.`);
      }),
    );
  caseworkerOption(record);
  examples(record, 'prepared-return record-consent CMM-2026-0042 --scope sharing --source interpreter');

  const withdraw = program
    .command('withdraw-consent')
    .description('She withdrew a consent. Participation before departure ends the programme as declined; follow-up stops the checkpoints. Nothing earlier is deleted.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--scope <scope>', 'participation, sharing or follow-up')
    .option('--source <source>', `how she said it: ${SOURCES}`, 'in-person')
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
  eventOptions(withdraw);
  examples(withdraw, 'prepared-return withdraw-consent CMM-2026-0042 --scope follow-up --source written');
}
