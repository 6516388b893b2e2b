/**
 * Test support for programmes: inputs with the short policy (dev/shortPolicy.ts), events with fresh
 * ids, and waiting on the `status` query (a query, never visibility: list() is rate-limited).
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { shortPolicy } from '../../dev/shortPolicy.js';
import type { PolicyInput } from '../../domain/policy.js';
import type { ProgrammeInput } from '../../domain/programme.js';
import type { ProgrammeStatus } from '../../domain/status.js';
import { statusQuery } from '../../workflows/messages.js';

export function consent(at = new Date().toISOString()) {
  return { at, source: 'in-person' as const, recordedBy: 'cw-test' };
}

export function programmeInput(caseRef: string, overrides: Partial<ProgrammeInput> & { policy?: PolicyInput } = {}): ProgrammeInput {
  const now = new Date().toISOString();
  return {
    caseRef,
    homeCountry: 'RO',
    caseworkerId: 'cw-test',
    victimAssessment: { decidedBy: 'cw-test', decidedAt: now },
    consent: { participation: consent(now), sharing: consent(now), followUp: consent(now) },
    language: 'en',
    ...overrides,
    policy: shortPolicy(overrides.policy),
  };
}

export const caseworker = { role: 'caseworker' as const, id: 'cw-test' };
export const returnAgency = { role: 'return-agency' as const, id: 'ra-duty' };
export const partner = (id: string) => ({ role: 'partner' as const, id });

/** `eventId`, `at` and a sender for an event; ids are fresh unless a test repeats one on purpose. */
export function event<T extends object>(sender: { role: 'caseworker' | 'partner' | 'return-agency'; id: string }, fields: T, eventId = `evt-${randomUUID()}`) {
  return { eventId, at: new Date().toISOString(), sender, ...fields };
}

/** Polls the `status` query until `predicate` holds; fails with the last status when it does not. */
export async function waitForStatus(
  handle: WorkflowHandle,
  predicate: (status: ProgrammeStatus) => boolean,
  { timeoutMs = 30_000, what = 'the expected status' } = {},
): Promise<ProgrammeStatus> {
  const started = Date.now();
  let last: ProgrammeStatus | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await handle.query(statusQuery);
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}; last stage ${last?.stage}, timeline: ${JSON.stringify(last?.timeline.slice(-8))}`);
}

/**
 * Workflow-task failures in a programme's history: must always be zero. One kind is not a failure
 * of ours and is left out: `UnhandledCommand`, the server's refusal to let a programme complete while
 * a signal it has not seen is waiting; the programme then handles that signal first (nothing lost).
 */
export async function workflowTaskFailures(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  const failures = (history.events ?? []).filter(
    (e) =>
      e.workflowTaskFailedEventAttributes &&
      e.workflowTaskFailedEventAttributes.cause !== temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
  );
  for (const f of failures) console.error('workflow task failed:', f.workflowTaskFailedEventAttributes?.failure?.message, f.workflowTaskFailedEventAttributes?.cause);
  return failures.length;
}
