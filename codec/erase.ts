/**
 * Erasure of one case: the case secret is destroyed first (its row deleted and its tombstone written
 * in one transaction), so from that moment no process can decrypt any copy of the case's history
 * (server database, backups, exported files; for backups of our own database see docs/operations.md,
 * *Backups and erasure*); then every run of the programme is deleted from Temporal. A running programme is refused unless the caller says to
 * terminate it: erasing someone still in a programme is a decision, not a side effect.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { CaseRef, programmeWorkflowId } from '../domain/programme.js';
import { parseOrThrow } from '../domain/validation.js';
import type { CaseSecrets } from './caseSecrets.js';

export class ProgrammeStillRunning extends Error {
  constructor(readonly caseRef: string) {
    super(`The programme for ${caseRef} is still running: close it first, or erase with terminate to end it now.`);
    this.name = 'ProgrammeStillRunning';
  }
}

export interface ErasureResult {
  caseRef: string;
  /** Whether a case secret existed and was destroyed (false when already erased or never written). */
  keyDestroyed: boolean;
  /** Runs deleted from Temporal. */
  runsDeleted: number;
}

export async function eraseCase(
  client: Client,
  caseSecrets: CaseSecrets,
  rawCaseRef: string,
  options: { terminateRunning?: boolean; reason?: string } = {},
): Promise<ErasureResult> {
  const caseRef = parseOrThrow(CaseRef, rawCaseRef, 'The case reference');
  const workflowId = programmeWorkflowId(caseRef);
  const handle = client.workflow.getHandle(workflowId);

  const runIds = new Set<string>();
  let running = false;
  try {
    const description = await handle.describe();
    runIds.add(description.runId);
    running = description.status.name === 'RUNNING';
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  if (running && !options.terminateRunning) throw new ProgrammeStillRunning(caseRef);
  // Older runs of the same workflow ID, if any (visibility: eventually consistent, one query).
  for await (const execution of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runIds.add(execution.runId);

  if (running) await handle.terminate(options.reason ?? 'erased');
  const keyDestroyed = await caseSecrets.erase(workflowId);

  let runsDeleted = 0;
  for (const runId of runIds) {
    try {
      await client.workflowService.deleteWorkflowExecution({ namespace: client.options.namespace, workflowExecution: { workflowId, runId } });
      runsDeleted += 1;
    } catch (err) {
      if ((err as { code?: number }).code !== 5 /* NOT_FOUND */) throw err;
    }
  }
  return { caseRef, keyDestroyed, runsDeleted };
}
