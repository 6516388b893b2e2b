/**
 * The programmes a report covers: found through visibility (one list query, paged, never polled),
 * then each one's own record: the `status` query while it runs, its result once it has closed.
 */
import type { Client } from '@temporalio/client';
import { WORKFLOW_TYPE } from '../../domain/programme.js';
import type { ReportPeriod } from '../../domain/report/period.js';
import type { ProgrammeStatus } from '../../domain/status.js';

export interface CollectOptions {
  /** Only one caseworker's programmes (a team's own figures; tests isolate their programmes this way). */
  caseworkerId?: string;
  /** How many programmes are read at once. */
  concurrency?: number;
  /** Called after each programme is read (activities heartbeat with it). */
  onProgress?: (done: number) => void;
}

export interface Collected {
  programmes: ProgrammeStatus[];
  /** Listed but unreadable: failed or terminated without a result and no worker to answer a query. */
  unreadable: number;
}

export function reportQuery(period: ReportPeriod, caseworkerId?: string): string {
  const clauses = [`WorkflowType = '${WORKFLOW_TYPE}'`, `StartTime >= '${period.from}'`, `StartTime < '${period.to}'`];
  // The id is checked by the caller (StaffId); quoting keeps the query well-formed regardless.
  if (caseworkerId) clauses.push(`CaseworkerId = '${caseworkerId.replace(/'/g, '')}'`);
  return clauses.join(' AND ');
}

export async function collectProgrammes(client: Client, period: ReportPeriod, options: CollectOptions = {}): Promise<Collected> {
  const listed: Array<{ workflowId: string; runId: string; status: string }> = [];
  for await (const info of client.workflow.list({ query: reportQuery(period, options.caseworkerId), pageSize: 1000 })) {
    listed.push({ workflowId: info.workflowId, runId: info.runId, status: info.status.name });
  }
  const programmes: ProgrammeStatus[] = [];
  let unreadable = 0;
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < listed.length) {
      const item = listed[next++]!;
      const status = await readOne(client, item).catch(() => undefined);
      if (status) programmes.push(status);
      else unreadable++;
      options.onProgress?.(programmes.length + unreadable);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, reader));
  return { programmes, unreadable };
}

async function readOne(client: Client, item: { workflowId: string; runId: string; status: string }): Promise<ProgrammeStatus> {
  const handle = client.workflow.getHandle(item.workflowId, item.runId);
  if (item.status === 'COMPLETED') {
    return (await handle.result()) as ProgrammeStatus;
  }
  return client.withDeadline(Date.now() + 10_000, () => handle.query<ProgrammeStatus>('status'));
}
