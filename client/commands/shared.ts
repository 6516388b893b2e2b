/** What every command shares: the case argument, the caseworker flag, examples in the help. */
import type { Command } from 'commander';
import { Session } from '../session.js';

/** Adds an Examples section to a command's help; every command has at least one. */
export function examples(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

export function caseworkerOption(command: Command): Command {
  return command.option('--caseworker <id>', 'your staff id (default: $PR_CASEWORKER_ID)');
}

/**
 * An action with the run's session. Commander hands actions their arguments, then the options,
 * then the command itself; we only need the case, the options and the session.
 */
export function withSession<O extends object>(fn: (session: Session, caseRef: string, options: O) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const options = command.opts() as O;
    const caseRef = typeof args[0] === 'string' ? args[0] : '';
    await fn(Session.of(command), caseRef, options);
  };
}
