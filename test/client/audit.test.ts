/**
 * Every command a caseworker runs, reads included, leaves one row in the audit log: who ran it,
 * which command, on which programme (a pseudonym, never the case reference) and what came of it.
 * A client that cannot reach the audit log does nothing and says so.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../../store/auditLog.js';
import { programmePseudonym } from '../../store/pseudonym.js';
import { useDatabase } from '../support/database.js';
import { useHarness } from '../support/harness.js';
import { uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from '../support/temporal.js';
import { cliFor } from './runCli.js';

const h = useHarness();
const store = useDatabase();

describe('the client audit trail', () => {
  it('records each command with the caseworker, the programme pseudonym and the result', async () => {
    const taskQueue = uniqueTaskQueue('audit');
    const caseworker = `cw-${randomUUID().slice(0, 8)}`;
    const cli = cliFor(taskQueue, { PR_CASEWORKER_ID: caseworker });
    const caseRef = uniqueCaseRef();
    await withProgrammeWorker(
      taskQueue,
      async () => {
        expect((await cli('open', caseRef, '--country', 'RO', '--assessed-on', 'today', '--consent', 'participation,sharing')).code).toBe(0);
        expect((await cli('status', caseRef)).code).toBe(0);
        // Refused by the programme: a partner cannot be assigned while none was asked.
        expect((await cli('assign-partner', caseRef, '--partner', 'ro-harbour-house')).code).toBe(1);
        expect((await cli('cancel', caseRef, '--reason', 'opened-in-error', '--caseworker', 'cw-other')).code).toBe(0);
      },
      h.peers.activities,
    );
    const unknown = uniqueCaseRef();
    expect((await cli('status', unknown)).code).toBe(3);

    const programme = programmePseudonym(store.pseudonymKey, caseRef);
    const rows = (await readAudit(store.db, { programme })).reverse();
    expect(rows.map((r) => [r.actor, r.role, r.action, r.result])).toEqual([
      [caseworker, 'caseworker', 'open', 'done'],
      [caseworker, 'caseworker', 'status', 'done'],
      [caseworker, 'caseworker', 'assign-partner', 'refused'],
      ['cw-other', 'caseworker', 'cancel', 'done'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(caseRef);
    expect((await readAudit(store.db, { programme: programmePseudonym(store.pseudonymKey, unknown) })).map((r) => [r.action, r.result])).toEqual([['status', 'not-found']]);
  });

  it('does nothing when the audit log cannot be configured, naming the variable', async () => {
    const cli = cliFor('unused-task-queue', { DATABASE_URL: 'mysql://nowhere', PR_CASEWORKER_ID: 'cw-test' });
    const result = await cli('cancel', uniqueCaseRef(), '--reason', 'other');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL: expected postgresql:\/\//);
  });
});
