/**
 * `list` filters as a Temporal visibility query over the programme's search attributes. Every value
 * is checked with the domain's schema first, so nothing typed can break out of its quotes.
 */
import { z } from 'zod';
import { PartnerId } from '../../domain/notifications.js';
import { CountryCode, StaffId, WORKFLOW_TYPE } from '../../domain/programme.js';
import { STAGES } from '../../domain/status.js';
import { parseFlags } from './flags.js';

export const ListFilters = z.strictObject({
  stage: z.enum(STAGES, { error: `expected one of ${STAGES.join(', ')}` }).optional(),
  country: CountryCode.optional(),
  partner: PartnerId.optional(),
  caseworker: StaffId.optional(),
  overdue: z.boolean().optional(),
  escalated: z.boolean().optional(),
  state: z.enum(['open', 'closed', 'all']).default('open'),
});
export type ListFilters = z.input<typeof ListFilters>;

const FLAGS = {
  stage: '--stage',
  country: '--country',
  partner: '--partner',
  caseworker: '--caseworker',
  overdue: '--overdue',
  escalated: '--escalated',
  state: '--closed/--all',
};

export function visibilityQuery(raw: ListFilters, now: Date = new Date()): string {
  const f = parseFlags(ListFilters, raw, FLAGS);
  const clauses = [`WorkflowType = '${WORKFLOW_TYPE}'`];
  if (f.state === 'open') clauses.push(`ExecutionStatus = 'Running'`);
  if (f.state === 'closed') clauses.push(`ExecutionStatus != 'Running'`);
  if (f.stage) clauses.push(`ProgrammeStage = '${f.stage}'`);
  if (f.country) clauses.push(`HomeCountry = '${f.country}'`);
  if (f.partner) clauses.push(`PartnerOrg = '${f.partner}'`);
  if (f.caseworker) clauses.push(`CaseworkerId = '${f.caseworker}'`);
  if (f.overdue) clauses.push(`NextDeadline < '${now.toISOString()}'`);
  if (f.escalated) clauses.push(`Escalated = true`);
  return clauses.join(' AND ');
}
