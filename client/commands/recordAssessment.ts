/** `record-assessment <case>`: the risk and needs assessment; every recording is a new version. */
import type { Command } from 'commander';
import { caseworkerOption, examples, withSession } from './shared.js';

interface Options {
  risk: string;
  needs: string;
  caseworker?: string;
}

export function registerRecordAssessment(program: Command): void {
  const command = program
    .command('record-assessment')
    .description('Record the risk and needs assessment (a new version each time). With consent to share, referral starts.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--risk <level>', 'low, medium or high')
    .requiredOption('--needs <list>', 'comma-separated: housing, medical, psychological, legal, education, employment, childcare, family-tracing, protection, cash-support')
    .action(
      withSession<Options>(async (session, caseRef, options) => {
        const [{ RecordAssessment }, { parseFlags, list }, { runUpdate }] = await Promise.all([
          import('../../domain/commands.js'),
          import('../input/flags.js'),
          import('../programme.js'),
        ]);
        const flags = { riskLevel: '--risk', needs: '--needs', by: '--caseworker' };
        const payload = parseFlags(RecordAssessment, { by: await session.caseworker(options.caseworker), riskLevel: options.risk, needs: list(options.needs) }, flags);
        const result = await runUpdate<{ version: number }>(session, caseRef, 'recordAssessment', payload, flags);
        session.print({ caseRef, ...result }, () => `Assessment v${result.version} recorded for ${caseRef}: risk ${payload.riskLevel}, needs ${payload.needs.join(', ')}.`);
      }),
    );
  caseworkerOption(command);
  examples(command, 'prepared-return record-assessment CMM-2026-0042 --risk medium --needs housing,medical,psychological');
}
