/**
 * The ground everything stands on: a real Temporal server, the real worker and workflow bundle,
 * and the custom search attributes a supervisor filters by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { programmeWorkflowId, WORKFLOW_TYPE } from '../domain/programme.js';
import { HomeCountry, ProgrammeStage } from '../domain/searchAttributes.js';
import { departureConfirmedSignal, statusQuery } from '../workflows/messages.js';
import { connectToTestServer, uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from './support/temporal.js';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await connectToTestServer();
});
afterAll(async () => {
  await env?.teardown();
});

describe('the Temporal server', () => {
  it('is a real dev server that reports its version and has our search attributes registered', async () => {
    const info = await env.client.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/^1\.\d+\.\d+/);
    const attrs = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(attrs.customAttributes ?? {})).toEqual(
      expect.arrayContaining(['ProgrammeStage', 'HomeCountry', 'PartnerOrg', 'NextDeadline', 'Escalated', 'CaseworkerId']),
    );
  });
});

describe('a programme skeleton on the real server', () => {
  it('starts, waits for a signal, completes and keeps its search attributes', async () => {
    const taskQueue = uniqueTaskQueue('foundation');
    const caseRef = uniqueCaseRef();
    await withProgrammeWorker(taskQueue, async () => {
      const handle = await env.client.workflow.start(WORKFLOW_TYPE, {
        taskQueue,
        workflowId: programmeWorkflowId(caseRef),
        args: [{ caseRef, homeCountry: 'RO', caseworkerId: 'cw-test', reflectionPeriodMs: 60_000 }],
      });
      expect((await handle.query(statusQuery)).stage).toBe('reflection');
      await handle.signal(departureConfirmedSignal, { eventId: 'evt-1', departedAt: '2026-11-28T10:00:00Z', confirmedBy: 'caseworker' });
      const result = await handle.result();
      expect(result.outcome).toBe('returned');
      const description = await handle.describe();
      expect(description.status.name).toBe('COMPLETED');
      expect(description.typedSearchAttributes.get(ProgrammeStage)).toBe('closed');
      expect(description.typedSearchAttributes.get(HomeCountry)).toBe('RO');
    });
  });
});
