/** `assign-partner <case>`: a partner by hand, when no partner for the country is left. */
import type { Command } from 'commander';
import { caseworkerOption, examples, withSession } from './shared.js';

export function registerAssignPartner(program: Command): void {
  const command = program
    .command('assign-partner')
    .description('Assign a partner by hand when every partner for the country declined or was silent; the referral resumes with it.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--partner <id>', 'partner organisation code, e.g. ngo-ro-reintegra')
    .action(
      withSession<{ partner: string; caseworker?: string }>(async (session, caseRef, options) => {
        const [{ AssignPartner }, { parseFlags }, { runUpdate }] = await Promise.all([
          import('../../domain/commands.js'),
          import('../input/flags.js'),
          import('../programme.js'),
        ]);
        const flags = { partnerId: '--partner', by: '--caseworker' };
        const payload = parseFlags(AssignPartner, { by: await session.caseworker(options.caseworker), partnerId: options.partner }, flags);
        const result = await runUpdate<{ partnerId: string }>(session, caseRef, 'assignPartner', payload, flags);
        session.print({ caseRef, ...result }, () => `Partner ${result.partnerId} assigned to ${caseRef}; the referral asks it now.`);
      }),
    );
  caseworkerOption(command);
  examples(command, 'prepared-return assign-partner CMM-2026-0042 --partner ngo-ro-reintegra');
}
