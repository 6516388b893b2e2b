/**
 * Programmes as rows of a list, from the server's index alone (search attributes: nothing is
 * decoded), the most urgent first: overdue, then the nearest deadline; those without one last.
 * The command line's `list` and the desk's caseload read them the same way.
 */
import type { Client } from '@temporalio/client';
import { programmeWorkflowId } from '../domain/programme.js';
import { CaseworkerId, Escalated, HomeCountry, NextDeadline, PartnerOrg, ProgrammeStage } from '../domain/searchAttributes.js';

export interface ProgrammeRow {
  caseRef: string;
  stage: string | null;
  homeCountry: string | null;
  partner: string | null;
  nextDeadline: string | null;
  escalated: boolean;
  caseworkerId: string | null;
  status: string;
  openedAt: string;
}

/** At most `limit` programmes matching the visibility `query`. */
export async function programmeRows(client: Client, query: string, limit: number): Promise<ProgrammeRow[]> {
  const rows: ProgrammeRow[] = [];
  for await (const info of client.workflow.list({ query, pageSize: Math.min(limit, 500) })) {
    const sa = info.typedSearchAttributes;
    const deadline = sa.get(NextDeadline);
    rows.push({
      caseRef: info.workflowId.replace(programmeWorkflowId(''), ''),
      stage: sa.get(ProgrammeStage) ?? null,
      homeCountry: sa.get(HomeCountry) ?? null,
      partner: sa.get(PartnerOrg) ?? null,
      nextDeadline: deadline ? deadline.toISOString() : null,
      escalated: sa.get(Escalated) ?? false,
      caseworkerId: sa.get(CaseworkerId) ?? null,
      status: info.status.name,
      openedAt: info.startTime.toISOString(),
    });
    if (rows.length >= limit) break;
  }
  const due = (r: ProgrammeRow): number => (r.nextDeadline ? Date.parse(r.nextDeadline) : Infinity);
  return rows.sort((a, b) => due(a) - due(b));
}
