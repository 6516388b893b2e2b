import { condition, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { ProgrammeInput } from '../domain/programme.js';
import { HomeCountry, NextDeadline, ProgrammeStage } from '../domain/searchAttributes.js';
import type { ProgrammeStatus } from '../domain/status.js';
import { departureConfirmedSignal, statusQuery } from './messages.js';

export async function returnProgramme(rawInput: ProgrammeInput): Promise<ProgrammeStatus> {
  const input = ProgrammeInput.parse(rawInput);
  const deadline = new Date(workflowInfo().startTime.getTime() + input.reflectionPeriodMs);
  const status: ProgrammeStatus = { caseRef: input.caseRef, stage: 'reflection', nextDeadline: deadline.toISOString(), outcome: null };
  let departed = false;
  setHandler(departureConfirmedSignal, () => void (departed = true));
  setHandler(statusQuery, () => status);
  upsertSearchAttributes([
    { key: ProgrammeStage, value: 'reflection' },
    { key: HomeCountry, value: input.homeCountry },
    { key: NextDeadline, value: deadline },
  ]);
  await condition(() => departed, input.reflectionPeriodMs);
  status.stage = 'closed';
  status.outcome = departed ? 'returned' : 'reflection-ended';
  upsertSearchAttributes([{ key: ProgrammeStage, value: 'closed' }]);
  return status;
}
