/** `plan-travel <case>`: date, destination, escort and meeting point, before the departure deadline. */
import type { Command } from 'commander';
import { caseworkerOption, examples, withSession } from './shared.js';

interface Options {
  travelDate: string;
  destination: string;
  meetingPoint: string;
  escort?: boolean;
  caseworker?: string;
}

export function registerPlanTravel(program: Command): void {
  const command = program
    .command('plan-travel')
    .description('Plan the travel: after a partner accepted and before the departure deadline. The partner is told when and where she arrives.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--travel-date <date>', 'departure date or date-time, e.g. 2027-02-20 or 2027-02-20T08:15')
    .requiredOption('--destination <airport>', 'IATA code of the arrival airport, e.g. OTP')
    .requiredOption('--meeting-point <place>', 'where the partner meets her, e.g. arrivals-hall')
    .option('--escort', 'she travels with an escort')
    .action(
      withSession<Options>(async (session, caseRef, options) => {
        const [{ PlanTravel }, { parseFlags }, { whenFlag }, { runUpdate }, { when }] = await Promise.all([
          import('../../domain/commands.js'),
          import('../input/flags.js'),
          import('../input/dates.js'),
          import('../programme.js'),
          import('../format/time.js'),
        ]);
        const flags = { date: '--travel-date', destination: '--destination', meetingPoint: '--meeting-point', escort: '--escort', by: '--caseworker' };
        const payload = parseFlags(
          PlanTravel,
          {
            by: await session.caseworker(options.caseworker),
            date: whenFlag('--travel-date', options.travelDate),
            destination: options.destination,
            escort: options.escort === true,
            meetingPoint: options.meetingPoint,
          },
          flags,
        );
        const result = await runUpdate<{ date: string; departureDeadline: string | null }>(session, caseRef, 'planTravel', payload, flags);
        session.print({ caseRef, ...result }, () =>
          `Travel planned for ${caseRef}: ${when(result.date)} to ${payload.destination}, met at ${payload.meetingPoint}${payload.escort ? ', escorted' : ''}.` +
          (result.departureDeadline ? `\nShe must leave by ${when(result.departureDeadline)}.` : ''),
        );
      }),
    );
  caseworkerOption(command);
  examples(command, 'prepared-return plan-travel CMM-2026-0042 --travel-date 2027-02-20 --destination OTP --meeting-point arrivals-hall --escort');
}
