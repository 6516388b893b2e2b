/**
 * Opening a programme: one place that decides the workflow ID, the search attributes a supervisor
 * filters by and the summary the Web UI shows. Used by the CLI, the tests and the benchmarks.
 */
import { WorkflowIdReusePolicy, type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ProgrammeInput, programmeWorkflowId, TASK_QUEUE, type Programme } from '../domain/programme.js';
import { CaseworkerId, HomeCountry, NextDeadline, ProgrammeStage } from '../domain/searchAttributes.js';
import { parseOrThrow } from '../domain/validation.js';
import { calendarDate, addMs } from '../domain/durations.js';
import type { returnProgramme } from '../workflows/returnProgramme.js';

export async function openProgramme(
  client: Client,
  rawInput: ProgrammeInput,
  options: { taskQueue?: string } = {},
): Promise<{ input: Programme; handle: WorkflowHandleWithFirstExecutionRunId<typeof returnProgramme>; reflectionEnds: string }> {
  // The policy is resolved here, once: the programme runs with these numbers for its whole life.
  const input = parseOrThrow(ProgrammeInput, rawInput, 'The programme');
  const reflectionDeadline = addMs(input.victimAssessment.decidedAt, input.policy.reflectionPeriod);
  const handle = await client.workflow.start<typeof returnProgramme>('returnProgramme', {
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    workflowId: programmeWorkflowId(input.caseRef),
    // A second programme for the same case is refused, even after the first has closed.
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    typedSearchAttributes: [
      { key: ProgrammeStage, value: 'reflection' },
      { key: HomeCountry, value: input.homeCountry },
      { key: CaseworkerId, value: input.caseworkerId },
      { key: NextDeadline, value: new Date(reflectionDeadline) },
    ],
    staticSummary: `Prepared return ${input.caseRef} → ${input.homeCountry}`,
    staticDetails: `Case ${input.caseRef}, return to ${input.homeCountry}, caseworker ${input.caseworkerId}; reflection period until ${calendarDate(reflectionDeadline)}.`,
  });
  // What the caseworker is told: the period counts from the assessment, or from now when that is still to come.
  const reflectionEnds = new Date(Math.min(Date.parse(input.victimAssessment.decidedAt), Date.now()) + input.policy.reflectionPeriod).toISOString();
  return { input, handle, reflectionEnds };
}
