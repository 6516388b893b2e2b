/**
 * `record-declined-offer <case>`: an identified victim who was offered a prepared return and
 * declined it, counted in the evaluation ledger without a programme being opened.
 */
import type { Command } from 'commander';
import { caseworkerOption, examples, withSession } from './shared.js';

interface Options {
  country: string;
  sex?: string;
  ageBand?: string;
  on: string;
  reason: string;
  caseworker?: string;
}

export function registerDeclinedOffer(program: Command): void {
  const command = program
    .command('record-declined-offer')
    .description('Count an identified victim who declined the offer of a prepared return (no programme is opened). Recorded once per case.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042 (kept only as a pseudonym)')
    .requiredOption('--country <code>', 'her home country, e.g. RO')
    .option('--sex <sex>', 'female, male or other (leave out when not known)')
    .option('--age-band <band>', 'under-18, 18-24, 25-34, 35-49 or 50-plus (leave out when not known)')
    .requiredOption('--on <date>', 'the day she declined, e.g. 2026-03-02 or today')
    .requiredOption('--reason <code>', 'prefers-to-stay, fear-of-reprisals, family-reasons, distrust, no-reason-given or other')
    .action(
      withSession<Options>(async (session, caseRef, options) => {
        const [{ DeclinedOffer }, { parseFlags }, { dayFlag }, { checkCaseRef }, { recordDeclinedOffer }] = await Promise.all([
          import('../../domain/ledger/record.js'),
          import('../input/flags.js'),
          import('../input/dates.js'),
          import('../programme.js'),
          import('../../store/declinedOffers.js'),
        ]);
        const flags = { caseRef: '<case>', homeCountry: '--country', sex: '--sex', ageBand: '--age-band', declinedOn: '--on', reason: '--reason', by: '--caseworker' };
        const offer = parseFlags(
          DeclinedOffer,
          {
            caseRef: checkCaseRef(caseRef),
            homeCountry: options.country,
            sex: options.sex ?? null,
            ageBand: options.ageBand ?? null,
            // The day she declined as typed: a timestamp's UTC date would be yesterday's just after midnight.
            declinedOn: dayFlag('--on', options.on),
            reason: options.reason,
            by: await session.caseworker(options.caseworker),
          },
          flags,
        );
        const app = await session.app();
        const { AppRefusal, asUsageError } = await import('../app/appClient.js');
        const result = app
          ? await app.post<{ written: boolean }>('/declined-offers', {
              caseRef: offer.caseRef,
              homeCountry: offer.homeCountry,
              declinedOn: offer.declinedOn,
              reason: offer.reason,
              ...(offer.sex ? { sex: offer.sex } : {}),
              ...(offer.ageBand ? { ageBand: offer.ageBand } : {}),
            }).catch((err: unknown) => {
              throw err instanceof AppRefusal ? asUsageError(err, (field) => flags[field as keyof typeof flags] ?? field) : err;
            })
          : await session.withStore((store) => recordDeclinedOffer(store, offer));
        session.print({ caseRef, ...result }, () =>
          result.written
            ? `Declined offer recorded for ${caseRef} (${offer.homeCountry}, ${offer.declinedOn.slice(0, 7)}, ${offer.reason}): counted in the report.`
            : `A declined offer for ${caseRef} was already recorded; nothing changed.`,
        );
      }),
    );
  caseworkerOption(command);
  examples(command, 'prepared-return record-declined-offer CMM-2026-0042 --country RO --sex female --age-band 25-34 --on 2026-03-02 --reason prefers-to-stay');
}
