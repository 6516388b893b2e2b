/**
 * The audit log: one row for every action a person or a partner system takes on a programme
 * (caseworker commands and reads, partner events the gateway accepted, supervisors' decodes), with
 * who, in which role, what, on which programme (a pseudonym) and what came of it. Append-only: the
 * table refuses UPDATE, DELETE and TRUNCATE.
 *
 *   await recordAudit(db, { actor: 'cw-anna', role: 'caseworker', action: 'plan-travel', programme: programmePseudonym(key, caseRef), result: 'done' });
 *
 * Reading is in `auditLog.ts` (`readAudit`).
 */
import { z } from 'zod';
import { parseOrThrow } from '../domain/validation.js';
import type { Database } from './database.js';
import { PSEUDONYM_PATTERN } from './pseudonym.js';

export const AuditRole = z.enum(['caseworker', 'supervisor', 'data-protection-officer', 'analyst', 'partner', 'return-agency', 'system'], {
  error: 'expected caseworker, supervisor, data-protection-officer, analyst, partner, return-agency or system',
});
export type AuditRole = z.output<typeof AuditRole>;

/** `denied`: outside the asker's reach (she was told there is no such programme). */
export const AuditResult = z.enum(['done', 'refused', 'not-found', 'denied', 'failed'], { error: 'expected done, refused, not-found, denied or failed' });
export type AuditResult = z.output<typeof AuditResult>;

export const AuditEntryInput = z.strictObject({
  /** A staff id (`cw-anna`), a partner code (`ro-harbour-house`) or a gateway client id. */
  actor: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected an id (lower-case letters, digits, . _ -)'),
  role: AuditRole,
  /** A command or event name in kebab case: `open`, `plan-travel`, `referral.answered`, `decode`. */
  action: z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/, 'expected an action name such as plan-travel'),
  /** The programme's pseudonym (`programmePseudonym`), or null when the action is about none. */
  programme: z.string().regex(PSEUDONYM_PATTERN, 'expected a programme pseudonym (32 hex digits)').nullable(),
  result: AuditResult,
});
export type AuditEntryInput = z.input<typeof AuditEntryInput>;

export interface AuditEntry {
  id: number;
  /** ISO 8601, UTC, when the row was written. */
  at: string;
  actor: string;
  role: AuditRole;
  action: string;
  programme: string | null;
  result: AuditResult;
}

/** Writes one audit row; throws a ValidationError naming the field when the entry is not valid. */
export async function recordAudit(db: Database, entry: AuditEntryInput): Promise<AuditEntry> {
  const e = parseOrThrow(AuditEntryInput, entry, 'The audit entry');
  const { rows } = await db.pool.query<AuditRow>(
    'INSERT INTO audit_log (actor, role, action, programme, result) VALUES ($1, $2, $3, $4, $5) RETURNING id, at, actor, role, action, programme, result',
    [e.actor, e.role, e.action, e.programme, e.result],
  );
  return toEntry(rows[0]!);
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  role: AuditRole;
  action: string;
  programme: string | null;
  result: AuditResult;
}

export function toEntry(row: AuditRow): AuditEntry {
  return { id: Number(row.id), at: row.at.toISOString(), actor: row.actor, role: row.role, action: row.action, programme: row.programme, result: row.result };
}
