/** What the `status` query answers. */
export type ProgrammeStage = 'reflection' | 'closed';

export interface ProgrammeStatus {
  caseRef: string;
  stage: ProgrammeStage;
  nextDeadline: string | null;
  outcome: string | null;
}
