/** `erase <case>`: destroy a case's key and delete its programme (for the data protection officer's decision). */
import type { Command } from 'commander';
import { examples, withSession } from './shared.js';

export function registerErase(program: Command): void {
  const command = program
    .command('erase')
    .description(
      "Erase a case: its key is destroyed, so no copy of its history can be read again, and its programme is deleted. Cannot be undone.",
    )
    .argument('<case>', 'case reference, e.g. CMM-2026-0042')
    .requiredOption('--confirm <case>', 'the case reference again, to confirm')
    .option('--terminate', 'also end a programme that is still running')
    .action(
      withSession<{ confirm: string; terminate?: boolean }>(async (session, caseRef, options) => {
        const [{ CliError, EXIT }, { eraseCase, ProgrammeStillRunning }, { programmeCaseSecrets }, { loadCodecConfig }] = await Promise.all([
          import('../errors.js'),
          import('../../codec/erase.js'),
          import('../../codec/dataConverter.js'),
          import('../../codec/config.js'),
        ]);
        await session.operatorOnly('erase');
        if (options.confirm !== caseRef) throw new CliError('--confirm: expected the same case reference as the argument', EXIT.usage);
        const caseSecrets = programmeCaseSecrets(loadCodecConfig(session.env));
        try {
          const result = await eraseCase(await session.client(), caseSecrets, caseRef, { terminateRunning: options.terminate === true });
          session.print(result, () => `Case ${caseRef} erased: key ${result.keyDestroyed ? 'destroyed' : 'already gone'}, ${result.runsDeleted} run(s) deleted.`);
        } catch (err) {
          if (err instanceof ProgrammeStillRunning) throw new CliError(err.message, EXIT.refused);
          throw err;
        }
      }),
    );
  examples(command, 'prepared-return erase CMM-2026-0042 --confirm CMM-2026-0042');
}
