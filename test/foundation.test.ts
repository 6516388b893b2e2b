/**
 * The ground everything stands on: a real Temporal server, the real worker and workflow bundle,
 * and the custom search attributes a supervisor filters by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openProgramme } from '../client/openProgramme.js';
import { CaseworkerId, HomeCountry, NextDeadline, ProgrammeStage } from '../domain/searchAttributes.js';
import { statusQuery, updates } from '../workflows/messages.js';
import { programmeInput } from './support/programmes.js';
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

describe('a programme on the real server', () => {
  it('opens with its search attributes, answers status, and closes when cancelled', async () => {
    const taskQueue = uniqueTaskQueue('foundation');
    const caseRef = uniqueCaseRef();
    await withProgrammeWorker(taskQueue, async () => {
      const { handle } = await openProgramme(env.client, programmeInput(caseRef), { taskQueue });
      const status = await handle.query(statusQuery);
      expect(status.stage).toBe('reflection');
      expect(status.caseRef).toBe(caseRef);

      const open = await handle.describe();
      expect(open.typedSearchAttributes.get(ProgrammeStage)).toBe('reflection');
      expect(open.typedSearchAttributes.get(HomeCountry)).toBe('RO');
      expect(open.typedSearchAttributes.get(CaseworkerId)).toBe('cw-test');
      expect(open.typedSearchAttributes.get(NextDeadline)).toBeInstanceOf(Date);

      await handle.executeUpdate(updates.cancel, { args: [{ by: 'cw-test', reason: 'opened-in-error' }] });
      const result = await handle.result();
      expect(result.outcome).toBe('cancelled');
      const closed = await handle.describe();
      expect(closed.status.name).toBe('COMPLETED');
      expect(closed.typedSearchAttributes.get(ProgrammeStage)).toBe('closed');
    });
  });
});
