/**
 * Every way the client says no: wrong flags, the programme's own refusals, refused events, unknown
 * cases, closed programmes, an unreachable server. Each prints one line that says what to fix,
 * never a stack trace, and exits non-zero.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProgramme } from '../../client/openProgramme.js';
import type { TimelineEntry } from '../../domain/status.js';
import { programmeInput, waitForStatus } from '../support/programmes.js';
import { uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from '../support/temporal.js';
import { useHarness } from '../support/harness.js';
import type { CommandRun } from '../../dev/runCommand.js';
import { cliFor } from './runCli.js';

const h = useHarness();

function refused(result: CommandRun, code: number, message: string | RegExp): void {
  expect(result.stdout).toBe('');
  if (typeof message === 'string') expect(result.stderr).toContain(message);
  else expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(code);
}

describe('flags checked with the programme schemas, before anything is sent', () => {
  const cli = cliFor('unused-task-queue');

  it('names the flag and the rule', async () => {
    const [country, consent, assessed, needs, date, scope, kase, limit, stage] = await Promise.all([
      cli('open', 'CMM-2026-0042', '--country', 'Romania', '--assessed-on', 'today', '--consent', 'participation'),
      cli('open', 'CMM-2026-0042', '--country', 'RO', '--assessed-on', 'today'),
      cli('open', 'CMM-2026-0042', '--country', 'RO', '--consent', 'participation'),
      cli('record-assessment', 'CMM-2026-0042', '--risk', 'medium', '--needs', 'housing,shoes'),
      cli('plan-travel', 'CMM-2026-0042', '--travel-date', 'next tuesday', '--destination', 'OTP', '--meeting-point', 'gate'),
      cli('withdraw-consent', 'CMM-2026-0042', '--scope', 'everything'),
      cli('status', 'Jane Doe'),
      cli('list', '--limit', 'lots'),
      cli('list', '--stage', 'packing'),
    ]);
    refused(country, 2, '--country: expected an ISO 3166-1 alpha-2 country code such as RO');
    refused(consent, 2, '--consent: expected at least participation');
    refused(assessed, 2, '--assessed-on: expected the date of the victim assessment');
    refused(needs, 2, '--needs: expected a need such as housing');
    refused(date, 2, '--travel-date: expected a date such as 2027-03-01');
    refused(scope, 2, '--scope: expected participation, sharing or follow-up');
    refused(kase, 2, '<case>: expected a case reference such as CMM-2026-0042');
    refused(limit, 2, '--limit: expected a whole number');
    refused(stage, 2, '--stage: expected one of reflection, asylum');
  });

  it('asks for the caseworker when neither --caseworker nor PR_CASEWORKER_ID says who it is', async () => {
    const anonymous = cliFor('unused-task-queue', { PR_CASEWORKER_ID: undefined });
    refused(await anonymous('cancel', 'CMM-2026-0042', '--reason', 'other'), 2, '--caseworker: expected your staff id, e.g. cw-anna (or set PR_CASEWORKER_ID)');
    refused(await cli('cancel', 'CMM-2026-0042', '--reason', 'other', '--caseworker', 'Anna'), 2, '--caseworker: expected a staff id');
  });

  it('names the field of a case file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pr-cli-'));
    const file = join(folder, 'case.json');
    await writeFile(file, JSON.stringify({ caseRef: 'CMM-2026-0042', homeCountry: 'RO', victimAssessment: { decidedAt: '2027-01-10' }, consent: { participation: { at: '2027-01-10', source: 'in-person', recordedBy: 'cw-test' } }, policy: { reflectionPeriod: 'a month' } }));
    refused(await cli('open', '--file', file), 2, `${file}: policy.reflectionPeriod: expected a duration such as 14d`);
    refused(await cli('open', '--file', join(folder, 'missing.yaml')), 2, '--file: cannot read');
  });

  it('says where it looked when the server cannot be reached, with a stack trace only on --debug', async () => {
    const offline = cliFor('unused-task-queue', { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    const [plain, json, debug] = await Promise.all([
      offline('status', 'CMM-2026-0042'),
      offline('status', 'CMM-2026-0042', '--json'),
      offline('status', 'CMM-2026-0042', '--debug'),
    ]);
    refused(plain, 4, 'Cannot reach the Temporal server at 127.0.0.1:1. Start the local stack with `npm start`, or set TEMPORAL_ADDRESS.\n');
    expect(plain.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(json.stderr)).toEqual({ error: expect.stringContaining('Cannot reach the Temporal server at 127.0.0.1:1'), exitCode: 4 });
    expect(debug.code).toBe(4);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('refusals from the programme', () => {
  it('shows the programme’s reason in terms of the flags, and refused events in the timeline', async () => {
    const taskQueue = uniqueTaskQueue('cli-refusals');
    const caseRef = uniqueCaseRef('CLI');
    const cli = cliFor(taskQueue);
    await withProgrammeWorker(
      taskQueue,
      async () => {
        refused(await cli('status', caseRef), 3, `No programme for case ${caseRef}.`);
        refused(await cli('confirm-departure', caseRef), 3, `No programme for case ${caseRef}.`);
        refused(await cli('cancel', caseRef, '--reason', 'other'), 3, `No programme for case ${caseRef}.`);

        const { handle } = await openProgramme(h.env.client, programmeInput(caseRef, { consent: { participation: programmeInput(caseRef).consent.participation } }), { taskQueue });
        await waitForStatus(handle, (s) => s.timeline.length > 0);

        const [tooLong, travel, partner, decision, consent] = await Promise.all([
          cli('extend-reflection', caseRef, '--by', '30d'),
          cli('plan-travel', caseRef, '--travel-date', '+30m', '--destination', 'OTP', '--meeting-point', 'arrivals-hall'),
          cli('assign-partner', caseRef, '--partner', 'ngo-ro-other'),
          cli('record-asylum-decision', caseRef, '--authority', 'DIS', '--decision', 'rejected'),
          cli('record-consent', caseRef, '--scope', 'participation'),
        ]);
        refused(tooLong, 1, /^--by: the reflection period may last at most .*, so no later than /);
        refused(travel, 1, 'Refused: no partner has accepted the referral yet');
        refused(partner, 1, 'Refused: partners can be assigned by hand when no partner for the country is left');
        refused(decision, 1, '--authority: no DIS decision is awaited (asylum is none)');
        refused(consent, 1, '--scope: participation consent is already recorded');

        const extended = await cli('extend-reflection', caseRef, '--by', '30m');
        expect(extended.stdout).toContain(`Reflection period for ${caseRef} extended until`);

        // Dates the programme would refuse are refused before anything is sent.
        const [ancient, future, later, lateAnswer] = await Promise.all([
          cli('report-missing', caseRef, '--at', '1970-01-01'),
          cli('confirm-departure', caseRef, '--at', '2030-01-01'),
          cli('raise-concern', caseRef, '--kind', 'threats', '--at', '2027-12-01'),
          cli('raise-concern', caseRef, '--kind', 'threats', '--for-partner', 'tst-api-partner', '--via', 'phone', '--received', '2001-02-03'),
        ]);
        refused(ancient, 2, /^--at: must not be before the programme opened \(\d{4}-/);
        refused(future, 2, '--at: must not be in the future');
        refused(later, 2, '--at: must not be in the future');
        refused(lateAnswer, 2, '--received: must not be before the programme opened');

        const missing = await cli('report-missing', caseRef);
        expect(missing.stdout).toContain('missing');
        refused(await cli('report-missing', caseRef), 1, 'Refused: she is already reported missing');
        expect((await cli('report-missing', caseRef, '--found')).stdout).toContain('found again');

        // Without sharing consent nothing goes to a partner; recording it is a command.
        expect((await cli('record-consent', caseRef, '--scope', 'sharing', '--source', 'interpreter')).stdout).toContain('Consent to sharing recorded');

        const timeline = JSON.parse((await cli('timeline', caseRef, '--refused', '--json')).stdout) as TimelineEntry[];
        expect(timeline.map((e) => e.kind)).toEqual(['asylumDecision', 'personMissing']);
        expect((await cli('timeline', caseRef)).stdout).toContain('refused: she is already reported missing');

        expect((await cli('cancel', caseRef, '--reason', 'opened-in-error')).stdout).toContain('closing as cancelled');
        await handle.result();
        refused(await cli('cancel', caseRef, '--reason', 'other'), 1, `The programme for case ${caseRef} is closed`);
        refused(await cli('raise-concern', caseRef, '--kind', 'threats'), 1, `The programme for case ${caseRef} is closed`);
      },
      h.peers.activities,
    );
  }, 180_000);
});
