/**
 * A whole programme driven by the real `prepared-return` executable: opened from a case file,
 * assessed, referred, travel planned and confirmed, followed up to a closed outcome. Partner
 * events are signalled by the test, as the partner gateway would; the worker runs real activities.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { programmeWorkflowId } from '../../domain/programme.js';
import type { ProgrammeStatus, TimelineEntry } from '../../domain/status.js';
import { signals } from '../../workflows/messages.js';
import { TEST_PARTNERS } from '../support/peers.js';
import { shortPolicy } from '../../dev/shortPolicy.js';
import { event, partner, waitForStatus, workflowTaskFailures } from '../support/programmes.js';
import { uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from '../support/temporal.js';
import { useHarness } from '../support/harness.js';
import { cliFor } from './runCli.js';

const h = useHarness();

describe('prepared-return, from open to a closed outcome', () => {
  it('drives a programme through referral, travel, handover and follow-up', async () => {
    const taskQueue = uniqueTaskQueue('cli-lifecycle');
    const caseRef = uniqueCaseRef('CLI');
    const cli = cliFor(taskQueue);
    const folder = await mkdtemp(join(tmpdir(), 'pr-cli-'));
    const caseFile = join(folder, 'case.yaml');
    const today = new Date().toISOString();
    await writeFile(
      caseFile,
      stringify({
        caseRef,
        homeCountry: 'RO',
        language: 'en',
        victimAssessment: { decidedBy: 'cw-test', decidedAt: today },
        consent: {
          participation: { at: today, source: 'interpreter', recordedBy: 'cw-test' },
          sharing: { at: today, source: 'interpreter', recordedBy: 'cw-test' },
          followUp: { at: today, source: 'interpreter', recordedBy: 'cw-test' },
        },
        // Training policy: seconds and minutes instead of months.
        policy: shortPolicy(),
      }),
    );

    await withProgrammeWorker(
      taskQueue,
      async () => {
        const handle = h.env.client.workflow.getHandle(programmeWorkflowId(caseRef));

        const opened = await cli('open', '--file', caseFile);
        expect(opened.stderr).toBe('');
        expect(opened.code).toBe(0);
        expect(opened.stdout).toContain(`Opened the programme for ${caseRef} → RO`);

        const again = await cli('open', '--file', caseFile);
        expect(again.code).toBe(1);
        expect(again.stderr).toMatch(new RegExp(`A programme for case ${caseRef} is already open since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`));

        const status = await cli('status', caseRef);
        expect(status.code).toBe(0);
        expect(status.stdout).toContain('Reflection period');
        expect(status.stdout).toContain('Programme opened');

        const assessed = await cli('record-assessment', caseRef, '--risk', 'medium', '--needs', 'housing,medical');
        expect(assessed.stdout).toContain('Assessment v1 recorded');
        expect(assessed.code).toBe(0);

        // The partner answers through the gateway; here the test speaks for it.
        await waitForStatus(handle, (s) => s.partner?.state === 'asked', { what: 'the first partner asked' });
        const partnerId = TEST_PARTNERS.api;
        await handle.signal(signals.referralAcknowledged, event(partner(partnerId), { keyContact: 'ana', alternateContact: 'ion' }));
        await handle.signal(signals.referralAnswered, event(partner(partnerId), { answer: 'accept' as const, riskFeedback: 'agree' as const }));
        await waitForStatus(handle, (s) => s.stage === 'travel', { what: 'the travel stage' });

        const tooLate = await cli('plan-travel', caseRef, '--travel-date', '+3h', '--destination', 'OTP', '--meeting-point', 'arrivals-hall');
        expect(tooLate.code).toBe(1);
        expect(tooLate.stderr).toMatch(/^--travel-date: must be before the departure deadline \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\n$/);

        const planned = await cli('plan-travel', caseRef, '--travel-date', '+30m', '--destination', 'OTP', '--meeting-point', 'arrivals-hall', '--escort');
        expect(planned.stderr).toBe('');
        expect(planned.stdout).toContain(`Travel planned for ${caseRef}`);
        expect(planned.stdout).toContain('escorted');

        const plan = await cli('record-plan', caseRef, '--elements', 'housing,employment,cash-support');
        expect(plan.stdout).toContain('Plan v1 recorded');

        const departed = await cli('confirm-departure', caseRef, '--event-id', `ra-${caseRef}`);
        expect(departed.stderr).toBe('');
        expect(departed.stdout).toContain(`Recorded for ${caseRef}: departure confirmed (event ra-${caseRef})`);
        // A retry with the same event id is safe: the programme records it once.
        const retried = await cli('confirm-departure', caseRef, '--event-id', `ra-${caseRef}`);
        expect(retried.code).toBe(0);

        await waitForStatus(handle, (s) => s.stage === 'handover', { what: 'the handover stage' });
        await handle.signal(signals.handoverConfirmed, event(partner(partnerId), {}));
        await waitForStatus(handle, (s) => s.stage === 'follow-up', { what: 'the follow-up stage' });
        for (const checkpoint of ['month-1', 'month-3', 'month-6', 'month-12'] as const) {
          await handle.signal(
            signals.followUpReported,
            event(partner(partnerId), { checkpoint, situation: { housing: 'stable', income: 'unstable', wellbeing: 'fair', inContact: true }, concerns: [] }),
          );
        }
        await waitForStatus(handle, (s) => s.stage === 'closed', { what: 'the closed programme' });
        await handle.result();

        const closed = await cli('status', caseRef);
        expect(closed.code).toBe(0);
        expect(closed.stdout).toContain('Closed: returned and followed up for a year (returned-followed-up)');
        expect(closed.stdout).toMatch(/month-12\s+received/);

        const json = JSON.parse((await cli('status', caseRef, '--json')).stdout) as ProgrammeStatus;
        expect(json.outcome).toBe('returned-followed-up');
        expect(json.partner?.id).toBe(partnerId);

        const timeline = JSON.parse((await cli('timeline', caseRef, '--json')).stdout) as TimelineEntry[];
        expect(timeline.filter((e) => e.eventId === `ra-${caseRef}`)).toHaveLength(1);
        expect(timeline.map((e) => e.kind)).toEqual(
          expect.arrayContaining(['opened', 'recordAssessment', 'referralAnswered', 'planTravel', 'recordPlan', 'departureConfirmed', 'handoverConfirmed', 'followUpReported']),
        );
        const human = await cli('timeline', caseRef);
        expect(human.stdout).toContain('Departure confirmed');
        expect(human.stdout).toContain('Partner confirmed the person was received');

        // A closed programme takes no more commands.
        const late = await cli('record-plan', caseRef, '--elements', 'housing');
        expect(late.code).toBe(1);
        expect(late.stderr).toContain(`The programme for case ${caseRef} is closed`);

        // Visibility is eventually consistent: look a few times, slowly (it is rate-limited).
        let listed: Array<{ caseRef: string; stage: string }> = [];
        for (let i = 0; i < 10 && !listed.some((r) => r.caseRef === caseRef); i++) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          listed = JSON.parse((await cli('list', '--closed', '--country', 'RO', '--json')).stdout) as typeof listed;
        }
        expect(listed.find((r) => r.caseRef === caseRef)?.stage).toBe('closed');
        expect(await workflowTaskFailures(handle)).toBe(0);
      },
      h.peers.activities,
    );
  }, 180_000);
});
