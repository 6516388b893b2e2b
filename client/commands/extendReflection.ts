/** `extend-reflection <case>`: a longer reflection period, asked before the first deadline. */
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors.js';
import { caseworkerOption, examples, withSession } from './shared.js';

interface Options {
  by?: string;
  until?: string;
  caseworker?: string;
}

export function registerExtendReflection(program: Command): void {
  const command = program
    .command('extend-reflection')
    .description('Extend the reflection period: asked before day 30, at most 120 days in total.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .option('--by <duration>', 'extend the current deadline by a duration, e.g. 30d')
    .option('--until <date>', 'the new deadline, e.g. 2027-03-01')
    .action(
      withSession<Options>(async (session, caseRef, options) => {
        if ((options.by === undefined) === (options.until === undefined)) {
          throw new CliError('extend-reflection: give either --by <duration> (e.g. 30d) or --until <date> (e.g. 2027-03-01)', EXIT.usage);
        }
        const [{ ExtendReflection }, { parseDuration, addMs }, { whenFlag }, { parseFlags }, programme, time] = await Promise.all([
          import('../../domain/commands.js'),
          import('../../domain/durations.js'),
          import('../input/dates.js'),
          import('../input/flags.js'),
          import('../programme.js'),
          import('../format/time.js'),
        ]);
        const by = await session.caseworker(options.caseworker);
        let until: string;
        if (options.by !== undefined) {
          const ms = parseDuration(options.by);
          if (ms === undefined) throw new CliError('--by: expected a duration such as 30d, 2w or 48h', EXIT.usage);
          programme.checkCaseRef(caseRef);
          const status = await programme.readStatus(session, caseRef);
          until = addMs(status.reflection.deadline, ms);
        } else {
          until = whenFlag('--until', options.until!);
        }
        const flags = { until: options.by !== undefined ? '--by' : '--until', by: '--caseworker' };
        const payload = parseFlags(ExtendReflection, { by, until }, flags);
        const result = await programme.runUpdate<{ deadline: string }>(session, caseRef, 'extendReflection', payload, flags);
        session.print({ caseRef, ...result }, () => `Reflection period for ${caseRef} extended until ${time.when(result.deadline)}.`);
      }),
    );
  caseworkerOption(command);
  examples(command, 'prepared-return extend-reflection CMM-2026-0042 --by 30d', 'prepared-return extend-reflection CMM-2026-0042 --until 2027-03-01');
}
