/**
 * Reading the audit log: newest first, filtered by programme, actor, role, action or time, in pages
 * (`before`: the smallest id of the previous page).
 *
 *   const page = await readAudit(db, { programme: programmePseudonym(key, caseRef), limit: 50 });
 */
import { z } from 'zod';
import { parseOrThrow } from '../domain/validation.js';
import { AuditRole, toEntry, type AuditEntry, type AuditRow } from './audit.js';
import type { Database } from './database.js';
import { PSEUDONYM_PATTERN } from './pseudonym.js';

export const AuditFilter = z.strictObject({
  programme: z.string().regex(PSEUDONYM_PATTERN, 'expected a programme pseudonym (32 hex digits)').optional(),
  actor: z.string().min(1).max(64).optional(),
  role: AuditRole.optional(),
  action: z.string().min(1).max(64).optional(),
  /** From this time (inclusive), ISO 8601. */
  from: z.iso.datetime({ offset: true, error: 'expected an ISO date-time' }).optional(),
  /** Up to this time (exclusive), ISO 8601. */
  to: z.iso.datetime({ offset: true, error: 'expected an ISO date-time' }).optional(),
  /** Rows older than this id only (the next page). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1, 'expected at least 1').max(1000, 'expected at most 1000').default(100),
});
export type AuditFilter = z.input<typeof AuditFilter>;

export async function readAudit(db: Database, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const f = parseOrThrow(AuditFilter, filter, 'The audit filter');
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: string, value: unknown): void => {
    values.push(value);
    where.push(clause.replace('?', `$${values.length}`));
  };
  if (f.programme) add('programme = ?', f.programme);
  if (f.actor) add('actor = ?', f.actor);
  if (f.role) add('role = ?', f.role);
  if (f.action) add('action = ?', f.action);
  if (f.from) add('at >= ?', f.from);
  if (f.to) add('at < ?', f.to);
  if (f.before) add('id < ?', f.before);
  values.push(f.limit);
  const { rows } = await db.pool.query<AuditRow>(
    `SELECT id, at, actor, role, action, programme, result FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  return rows.map(toEntry);
}
