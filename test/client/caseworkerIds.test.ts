/**
 * Caseworker ids a newcomer meets: every id the client's help uses as an example is a caseworker of
 * the local stack's staff directory, and `open` refuses an id the directory does not know when the
 * client can read it (PR_STAFF_DIRECTORY), before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../client/cli.js';
import { loadStaffDirectory } from '../../activities/staffDirectory.js';
import { uniqueCaseRef } from '../support/temporal.js';
import { cliFor } from './runCli.js';

const DIRECTORY = 'dev/staff.yaml';
const known = Object.keys(loadStaffDirectory(DIRECTORY).file.caseworkers);

describe('caseworker ids', () => {
  it('the help examples name caseworkers of the local staff directory', async () => {
    const cli = cliFor('unused-task-queue');
    const helps = await Promise.all([['--help'], ...buildProgram().commands.map((c) => [c.name(), '--help'])].map((args) => cli(...args)));
    const ids = new Set(helps.flatMap((h) => [...h.stdout.matchAll(/\bcw-[a-z0-9._-]+/g)].map((m) => m[0])));
    expect([...ids]).toContain('cw-anna');
    for (const id of ids) expect(known, id).toContain(id);
  });

  it('open refuses a caseworker the staff directory does not know, and opens for one it knows', async () => {
    const cli = cliFor('caseworker-ids-no-worker', { PR_STAFF_DIRECTORY: DIRECTORY });
    const unknown = await cli('open', uniqueCaseRef('CMM'), '--country', 'RO', '--assessed-on', 'today', '--consent', 'participation', '--caseworker', 'cw-nobody');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr.trim()).toBe(
      `--caseworker: cw-nobody is not a caseworker in the staff directory ${DIRECTORY} (it has ${known.join(', ')}); the programme's notifications would reach the supervisors instead. Add the caseworker to the directory, or give a known id.`,
    );
    const fromEnv = await cliFor('caseworker-ids-no-worker', { PR_STAFF_DIRECTORY: DIRECTORY, PR_CASEWORKER_ID: 'cw-nobody' })('open', uniqueCaseRef('CMM'), '--country', 'RO', '--assessed-on', 'today', '--consent', 'participation');
    expect(fromEnv.stderr).toMatch(/^PR_CASEWORKER_ID: cw-nobody is not a caseworker/);
    const anna = await cli('open', uniqueCaseRef('CMM'), '--country', 'RO', '--assessed-on', 'today', '--consent', 'participation', '--caseworker', 'cw-anna');
    expect(anna.stderr).toBe('');
    expect(anna.code).toBe(0);
  });
});
