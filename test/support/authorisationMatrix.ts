/**
 * The stage both authorisation matrices (the web pages and the JSON API) are asked on: a worker, two
 * programmes held by different teams (cw-test's team-a, with cw-mate, and cw-other's team-b), a case
 * reference that exists nowhere, and the desk. Who should reach what is written once, here.
 */
import { afterAll, beforeAll } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openProgramme } from '../../client/openProgramme.js';
import { DESK_STAFF, startTestDesk } from './desk.js';
import { programmeInput } from './programmes.js';
import { connectToTestServer, uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from './temporal.js';

export type Role = keyof typeof DESK_STAFF;
export const ROLES = Object.keys(DESK_STAFF) as Role[];

export interface MatrixStage {
  env: TestWorkflowEnvironment;
  desk: Awaited<ReturnType<typeof startTestDesk>>;
}

/**
 * Sets the stage up before the file's tests and takes it down after; `signIn` runs once the desk is
 * up, for each role to get its credentials.
 */
export function authorisationMatrix(prefix: string, signIn: (stage: MatrixStage) => Promise<void>) {
  const taskQueue = uniqueTaskQueue(`${prefix.toLowerCase()}-matrix`);
  const teamA = uniqueCaseRef(prefix);
  const teamB = uniqueCaseRef(prefix);
  const unknown = uniqueCaseRef('NONE');
  const stage = {} as MatrixStage;
  let stopWorker: (() => void) | undefined;
  let worker: Promise<void> | undefined;

  beforeAll(async () => {
    stage.env = await connectToTestServer();
    const stopped = new Promise<void>((resolve) => (stopWorker = resolve));
    worker = withProgrammeWorker(taskQueue, () => stopped);
    await openProgramme(stage.env.client, programmeInput(teamA, { caseworkerId: DESK_STAFF.caseworker }), { taskQueue });
    await openProgramme(stage.env.client, programmeInput(teamB, { caseworkerId: DESK_STAFF.otherTeam }), { taskQueue });
    stage.desk = await startTestDesk({ taskQueue });
    await signIn(stage);
  }, 120_000);

  afterAll(async () => {
    await stage.desk?.stop();
    stopWorker?.();
    await worker?.catch(() => undefined);
    await stage.env?.teardown();
  });

  const isCaseworker = (role: Role) => role === 'caseworker' || role === 'teammate' || role === 'otherTeam';
  /** Who reaches which programme: her own and her team's for caseworkers, all for supervisors. */
  const reaches = (role: Role, caseRef: string): boolean => {
    if (caseRef === unknown) return false;
    if (role === 'supervisor') return true;
    if (role === 'caseworker' || role === 'teammate') return caseRef === teamA;
    if (role === 'otherTeam') return caseRef === teamB;
    return false;
  };

  /** Who may give which command at all: a supervisor acts on escalations, caseworkers give every other. */
  const maySend = (role: Role, command: string): boolean =>
    ['acknowledgeEscalation', 'resolveEscalation', 'reassignProgramme'].includes(command) ? role === 'supervisor' : isCaseworker(role);

  return { stage, teamA, teamB, unknown, isCaseworker, reaches, maySend };
}
