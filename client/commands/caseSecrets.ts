/**
 * `case-secrets import --from <folder>`: moves the case secrets of a folder store (how they were
 * kept before they moved into the database) into the database, erased cases included; safe to run
 * again. `case-secrets rewrap`: after the key ring's current key changed, wraps every case secret
 * under it, so the older key is no longer needed to read them. Operators' commands: both are audited.
 */
import type { Command } from 'commander';
import type { Session } from '../session.js';
import { examples, withSession } from './shared.js';

export function registerCaseSecrets(program: Command): void {
  const command = program
    .command('case-secrets')
    .description("The case secrets in the database (each case's half of its payload keys): import a folder store, re-wrap under the current key.");
  examples(command, 'prepared-return case-secrets import --from /var/lib/prepared-return/case-keys', 'prepared-return case-secrets rewrap');

  const importing = command
    .command('import')
    .description('Import every secret and erased case of a folder store (PR_CASE_KEYS_DIR of earlier versions). Nothing is overwritten; run it again and nothing changes.')
    .requiredOption('--from <folder>', 'the folder store, e.g. the case-keys volume')
    .action(withSession<{ from: string }>(async (session, _caseRef, options) => importCommand(session, options.from)));
  examples(importing, 'prepared-return case-secrets import --from /var/lib/prepared-return/case-keys');

  const rewrap = command
    .command('rewrap')
    .description("Wrap every case secret under the key ring's current key (after a new current key was added to the ring).")
    .action(withSession(async (session) => rewrapCommand(session)));
  examples(rewrap, 'prepared-return case-secrets rewrap', 'prepared-return case-secrets rewrap --json');
}

async function importCommand(session: Session, from: string): Promise<void> {
  const [{ z }, { parseFlags }, { CliError, EXIT }, { importCaseSecretFolder }] = await Promise.all([
    import('zod'),
    import('../input/flags.js'),
    import('../errors.js'),
    import('../../codec/caseSecretFolder.js'),
  ]);
  const { statSync } = await import('node:fs');
  const { folder } = parseFlags(
    z.object({ folder: z.string().refine((path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true, 'expected an existing folder (the folder store to import)') }),
    { folder: from },
    { folder: '--from' },
  );
  const counts = await withCaseSecrets(session, (secrets) => importCaseSecretFolder(secrets, folder));
  if (counts.conflicts) {
    throw new CliError(
      `${counts.conflicts} case(s) of ${folder} already have another secret in the database; they were left as they are (see docs/operations.md, "Case secrets"). ${counts.added} secret(s) added.`,
      EXIT.refused,
    );
  }
  session.print({ folder, ...counts }, () =>
    `${folder}: ${counts.secrets} case secret(s) and ${counts.erased} erased case(s); ${counts.added} secret(s) added to the database, ${counts.secrets - counts.added - counts.alreadyErased} already there` +
    (counts.alreadyErased ? `, ${counts.alreadyErased} refused (erased in the database)` : '') +
    '. The folder is no longer needed.',
  );
}

async function rewrapCommand(session: Session): Promise<void> {
  const result = await withCaseSecrets(session, (secrets) => secrets.rewrap());
  session.print(result, () => `${result.rewrapped} case secret(s) re-wrapped; all ${result.current} are now under the key ring's current key.`);
}

async function withCaseSecrets<T>(session: Session, work: (secrets: import('../../codec/caseSecrets.js').CaseSecrets) => Promise<T>): Promise<T> {
  await session.operatorOnly('case-secrets');
  const [{ loadCodecConfig }, { programmeCaseSecrets }] = await Promise.all([import('../../codec/config.js'), import('../../codec/dataConverter.js')]);
  // The folder's variable is what every other process refuses: here, where it is imported, it may still be set.
  const config = loadCodecConfig({ ...session.env, PR_CASE_KEYS_DIR: undefined });
  return session.withStore((store) => work(programmeCaseSecrets(config, store.db)));
}
