/** The baseline's whole life from a client: start it, send the one signal it waits for, await the end. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { proceedSignal, type baseline } from './workflows/baseline.js';
import { QUEUES } from './stack.js';

export function startBaseline(client: Client, workflowId: string): Promise<WorkflowHandle<typeof baseline>> {
  return client.workflow.start<typeof baseline>('baseline', { taskQueue: QUEUES.baselines, workflowId });
}

export async function runBaseline(client: Client, workflowId: string): Promise<WorkflowHandle> {
  const handle = await startBaseline(client, workflowId);
  await handle.signal(proceedSignal);
  await handle.result();
  return handle;
}
