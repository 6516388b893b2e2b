/**
 * One shape for every caseworker command (update): the flags become the command's payload, checked
 * with the programme's own schema (a problem names the flag), the programme answers at once, and the
 * answer is printed (JSON with `--json`). Schemas, the Temporal client and formatting load only
 * when the command runs, so help and flag mistakes answer at once.
 */
import type { UpdateDefinition } from '@temporalio/client';
import { Option, type Command } from 'commander';
import type { CommandName, CommandResult, ParsedCommand } from '../../domain/commands.js';
import type { FlagNames } from '../input/flags.js';
import type { Session } from '../session.js';
import { caseworkerOption, examples, withSession } from './shared.js';

export interface UpdateCommand<N extends CommandName, O extends object> {
  /** The command in the catalogue (domain/commands.ts) it sends; on the command line it is named alike (`recordPlan`: `record-plan`). */
  update: N;
  description: string;
  /** Adds the command's own flags (the case argument and `--caseworker` are added for every command). */
  flags: (command: Command) => Command;
  /** Which flag fills which field of the payload, so every problem speaks of the flag. */
  fields: FlagNames | ((options: O) => FlagNames);
  /** The payload from the flags; `by()` is the caseworker speaking. */
  payload: (options: O, context: { session: Session; caseRef: string; by: () => Promise<string> }) => Promise<unknown>;
  /** What the caseworker reads when the programme accepted it. */
  done: (answer: { caseRef: string; result: CommandResult<N>; payload: ParsedCommand<N>; when: (iso: string) => string }) => string;
  examples: string[];
}

export function registerUpdate<N extends CommandName, O extends object>(program: Command, spec: UpdateCommand<N, O>): void {
  const command = program
    .command(spec.update.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`))
    .description(spec.description)
    .argument('<case>', 'case reference, e.g. CMM-2026-0042');
  spec
    .flags(command)
    .action(
      withSession<O & { caseworker?: string }>(async (session, caseRef, options) => {
        const payload = await spec.payload(options, { session, caseRef, by: () => session.caseworker(options.caseworker) });
        const [{ COMMANDS }, { parseFlags }, { runUpdate }, { updates }, { when }] = await Promise.all([
          import('../../domain/commands.js'),
          import('../input/flags.js'),
          import('../programme.js'),
          import('../../workflows/messages.js'),
          import('../format/time.js'),
        ]);
        const fields = typeof spec.fields === 'function' ? spec.fields(options) : spec.fields;
        const checked = parseFlags(COMMANDS[spec.update].schema, payload, fields) as ParsedCommand<N>;
        // The payload sent is the one checked here (defaults applied), which the programme reads alike.
        const update = updates[spec.update] as UpdateDefinition<CommandResult<N>, [ParsedCommand<N>]>;
        const result = await runUpdate(session, caseRef, update, checked, fields);
        session.print({ caseRef, ...result }, () => spec.done({ caseRef, result, payload: checked, when: (iso) => when(iso) }));
      }),
    );
  caseworkerOption(command);
  examples(command, ...spec.examples);
}

/** A flag that fills one field of the payload with what was typed (as a number, or a comma-separated list, where the field is one). */
export interface FlagField {
  flag: string;
  field: string;
  description: string;
  required?: true;
  number?: true;
  list?: true;
}

/**
 * A command whose flags are its payload, one field each: the flags, which flag names which field,
 * and the payload all come from the one list.
 */
export function registerPlainUpdate<N extends CommandName>(
  program: Command,
  spec: Omit<UpdateCommand<N, Record<string, string | undefined>>, 'flags' | 'fields' | 'payload'> & { options: FlagField[] },
): void {
  // The options as commander reads them: each one's long flag, and the attribute it fills.
  const parsed = new Map(spec.options.map((o) => [o, new Option(o.flag, o.description)]));
  registerUpdate<N, Record<string, string | undefined>>(program, {
    ...spec,
    flags: (c) => spec.options.reduce((command, o) => command.addOption(parsed.get(o)!.makeOptionMandatory(o.required === true)), c),
    fields: { ...Object.fromEntries(spec.options.map((o) => [o.field, parsed.get(o)!.long!])), by: '--caseworker' },
    payload: async (options, { by }) => {
      const { list } = await import('../input/flags.js');
      const value = (o: FlagField, typed: string | undefined) => (typed === undefined ? undefined : o.number ? Number(typed) : o.list ? list(typed) : typed);
      return { by: await by(), ...Object.fromEntries(spec.options.map((o) => [o.field, value(o, options[parsed.get(o)!.attributeName()])])) };
    },
  });
}
