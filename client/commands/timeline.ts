/** `timeline <case>`: every event in order, refused ones with the reason they were refused. */
import type { Command } from 'commander';
import { examples, withSession } from './shared.js';

export function registerTimeline(program: Command): void {
  const command = program
    .command('timeline')
    .description('Show every event of a programme, including the ones it refused and why.')
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .option('--refused', 'only the refused events')
    .action(
      withSession<{ refused?: boolean }>(async (session, caseRef, options) => {
        const [{ readStatus }, { formatTimeline }] = await Promise.all([import('../programme.js'), import('../format/timeline.js')]);
        const status = await readStatus(session, caseRef);
        const entries = options.refused ? status.timeline.filter((e) => e.result === 'refused') : status.timeline;
        session.print(entries, () => formatTimeline(entries, session.style));
      }),
    );
  examples(command, 'prepared-return timeline CMM-2026-0042', 'prepared-return timeline CMM-2026-0042 --refused');
}
