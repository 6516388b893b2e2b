/** `status <case>`: the stage, the next deadline, the partner, the checkpoints and the last events. */
import type { Command } from 'commander';
import { examples, withSession } from './shared.js';

export function registerStatus(program: Command): void {
  const command = program
    .command('status')
    .description('Show where a programme stands: stage, next deadline, partner, checkpoints, last events.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .action(
      withSession(async (session, caseRef) => {
        const [{ readStatus }, { formatStatus }] = await Promise.all([import('../programme.js'), import('../format/status.js')]);
        const status = await readStatus(session, caseRef);
        session.print(status, () => formatStatus(status, session.style));
      }),
    );
  examples(command, 'prepared-return status CMM-2026-0042', 'prepared-return status CMM-2026-0042 --json | jq .nextDeadline');
}
