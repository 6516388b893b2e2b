/** Which worker processes did a scenario's work: the identities on completed workflow tasks. */
import type { WorkflowHandle } from '@temporalio/client';

export async function workerIdentities(handles: WorkflowHandle[]): Promise<Set<string>> {
  const identities = new Set<string>();
  for (const handle of handles) {
    const history = await handle.fetchHistory().catch(() => undefined);
    for (const event of history?.events ?? []) {
      const identity = event.workflowTaskCompletedEventAttributes?.identity ?? event.activityTaskStartedEventAttributes?.identity;
      if (identity) identities.add(identity);
    }
  }
  return identities;
}
