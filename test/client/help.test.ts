/** The help is where a caseworker learns the client: every command shows at least one example. */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../client/cli.js';
import { cliFor } from './runCli.js';

describe('prepared-return --help', () => {
  const cli = cliFor('unused-task-queue');
  const commands = buildProgram().commands.map((c) => c.name());

  it('has every caseworker command of the design', () => {
    expect(commands).toEqual(
      expect.arrayContaining([
        'open', 'status', 'timeline', 'list',
        'extend-reflection', 'record-assessment', 'record-plan', 'record-consent', 'assign-partner', 'plan-travel', 'cancel',
        'record-asylum-decision', 'asylum-applied', 'case-reopened', 'confirm-departure', 'report-missing', 'withdraw-consent', 'raise-concern',
      ]),
    );
  });

  it('shows examples and the environment for the whole client', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:\n  $ export PR_CASEWORKER_ID=cw-anna');
    expect(help.stdout).toContain('TEMPORAL_ADDRESS');
  });

  it('shows at least one example for each command', async () => {
    const helps = await Promise.all(commands.map(async (name) => ({ name, result: await cli(name, '--help') })));
    for (const { name, result } of helps) {
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toMatch(new RegExp(`Examples:\\n  \\$ prepared-return ${name} `));
    }
  });
});
