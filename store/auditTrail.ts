/**
 * The audit log as the services write to it: given the case reference, the entry is stored under
 * the programme's pseudonym, so no caller handles pseudonyms or SQL.
 *
 *   const audit = auditTrail(db, config.pseudonymKey);
 *   await audit.record({ actor: 'ro-harbour-house', role: 'partner', action: 'referral.answered', caseRef, result: 'done' });
 */
import { recordAudit, type AuditResult, type AuditRole } from './audit.js';
import type { Database } from './database.js';
import { programmePseudonym } from './pseudonym.js';

export interface AuditEvent {
  actor: string;
  role: AuditRole;
  action: string;
  /** The programme's case reference; null when the action concerns none. */
  caseRef: string | null;
  result: AuditResult;
}

export interface AuditTrail {
  record(event: AuditEvent): Promise<void>;
}

export function auditTrail(db: Database, pseudonymKey: string): AuditTrail {
  return {
    async record({ caseRef, ...entry }) {
      await recordAudit(db, { ...entry, programme: caseRef === null ? null : programmePseudonym(pseudonymKey, caseRef) });
    },
  };
}
