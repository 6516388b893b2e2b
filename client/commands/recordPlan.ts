/** `record-plan <case>`: the reintegration plan; refined within a month of arrival. */
import type { Command } from 'commander';
import { caseworkerOption, examples, withSession } from './shared.js';

interface Options {
  elements: string;
  supportMonths?: string;
  caseworker?: string;
}

export function registerRecordPlan(program: Command): void {
  const command = program
    .command('record-plan')
    .description('Record the reintegration plan (a new version each time).')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--elements <list>', 'comma-separated plan elements, e.g. housing,employment,cash-support')
    .option('--support-months <n>', 'months of support, 1 to 12 (default 6)')
    .action(
      withSession<Options>(async (session, caseRef, options) => {
        const [{ RecordPlan }, { parseFlags, list }, { runUpdate }] = await Promise.all([
          import('../../domain/commands.js'),
          import('../input/flags.js'),
          import('../programme.js'),
        ]);
        const flags = { elements: '--elements', supportMonths: '--support-months', by: '--caseworker' };
        const payload = parseFlags(
          RecordPlan,
          {
            by: await session.caseworker(options.caseworker),
            elements: list(options.elements),
            ...(options.supportMonths !== undefined ? { supportMonths: Number(options.supportMonths) } : {}),
          },
          flags,
        );
        const result = await runUpdate<{ version: number }>(session, caseRef, 'recordPlan', payload, flags);
        session.print({ caseRef, ...result }, () => `Plan v${result.version} recorded for ${caseRef}: ${payload.elements.join(', ')}; ${payload.supportMonths} months of support.`);
      }),
    );
  caseworkerOption(command);
  examples(command, 'prepared-return record-plan CMM-2026-0042 --elements housing,employment,cash-support --support-months 6');
}
