/** What every command shares: the case argument, the caseworker flag, examples in the help. */
import type { Command } from 'commander';
import { Session } from '../session.js';

/** Adds an Examples section to a command's help; every command has at least one. */
export function examples(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** Commands whose `--caseworker` says who is speaking (elsewhere it filters: `list`, `report`). */
const speaksAsCaseworker = new WeakSet<Command>();

export function caseworkerOption(command: Command): Command {
  speaksAsCaseworker.add(command);
  return command.option('--caseworker <id>', 'your staff id (default: $PR_CASEWORKER_ID)');
}

/**
 * An action with the run's session, recorded in the audit log with the caseworker who ran it and
 * what came of it. Commander hands actions their arguments, then the options, then the command
 * itself; we only need the case, the options and the session.
 */
export function withSession<O extends object>(fn: (session: Session, caseRef: string, options: O) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const options = command.opts() as O & { caseworker?: string };
    const caseRef = typeof args[0] === 'string' ? args[0] : '';
    const session = Session.of(command);
    // Who and where to audit, before anything is done: a command nobody can be held to does not run.
    const actor = await session.caseworker(speaksAsCaseworker.has(command) ? options.caseworker : undefined);
    // Through the app, the app audits every request as the signed-in user; this machine keeps nothing.
    if (await session.app()) return fn(session, caseRef, options);
    const { commandAudit, auditResultOf } = await import('../audit.js');
    const audit = commandAudit(session.env);
    const action = actionName(command);
    try {
      await fn(session, caseRef, options);
    } catch (err) {
      await audit.record({ actor, action, caseRef, result: auditResultOf(err) }).catch((auditErr: unknown) => {
        process.stderr.write(`${auditErr instanceof Error ? auditErr.message : String(auditErr)}\n`);
      });
      throw err;
    }
    await audit.record({ actor, action, caseRef, result: 'done' });
  };
}

/** `plan-travel`; a subcommand with its parent: `report-schedule`. */
function actionName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join('-');
}
