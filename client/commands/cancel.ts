/** `cancel <case>`: close a programme by hand, with a reason. */
import type { Command } from 'commander';
import { caseworkerOption, examples, withSession } from './shared.js';

export function registerCancel(program: Command): void {
  const command = program
    .command('cancel')
    .description('Close a programme by hand. A partner preparing to receive her is told the return is off.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--reason <reason>', 'duplicate-case, transferred, opened-in-error or other')
    .action(
      withSession<{ reason: string; caseworker?: string }>(async (session, caseRef, options) => {
        const [{ Cancel }, { parseFlags }, { runUpdate }] = await Promise.all([
          import('../../domain/commands.js'),
          import('../input/flags.js'),
          import('../programme.js'),
        ]);
        const flags = { reason: '--reason', by: '--caseworker' };
        const payload = parseFlags(Cancel, { by: await session.caseworker(options.caseworker), reason: options.reason }, flags);
        const result = await runUpdate<{ outcome: string }>(session, caseRef, 'cancel', payload, flags);
        session.print({ caseRef, ...result }, () => `Programme for ${caseRef} is closing as cancelled (${payload.reason}).`);
      }),
    );
  caseworkerOption(command);
  examples(command, 'prepared-return cancel CMM-2026-0042 --reason opened-in-error');
}
