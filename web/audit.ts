/**
 * The audit trail as the web app uses it, on the audit log of the store (PostgreSQL): who read or
 * changed which programme, when, in which role and with what result. The log keeps each programme
 * under its pseudonym; the app speaks in case references and turns them into pseudonyms here, so
 * the trail holds no personal data beyond the actor's staff id. Append-only: nothing here changes
 * or removes an entry.
 */
import { recordAudit, type AuditResult, type AuditRole } from '../store/audit.js';
import { readAudit } from '../store/auditLog.js';
import type { Database } from '../store/database.js';
import { programmePseudonym } from '../store/pseudonym.js';

export type { AuditResult };

export interface AuditEntry {
  at: string;
  actor: string;
  role: AuditRole;
  /** `programme.read`, `command.plan-travel`, `event.departure-confirmed`, `erasure.request`, `sign-in` … */
  action: string;
  /** The programme's pseudonym in the log. */
  programme: string | null;
  /** The case reference, when the trail was read for that case (the log itself holds only pseudonyms). */
  caseRef?: string;
  result: AuditResult;
}

export interface AuditTrail {
  record(entry: { actor: string; role: AuditRole; action: string; caseRef: string | undefined; result: AuditResult }): Promise<void>;
  /** Newest first; for one case when `caseRef` is given. */
  read(query?: { caseRef?: string; actor?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** `planTravel` → `plan-travel`: the log's action names are kebab case, like the command line's. */
export function actionName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function storeAuditTrail(db: Database, pseudonymKey: string): AuditTrail {
  return {
    async record({ caseRef, ...entry }) {
      await recordAudit(db, { ...entry, action: actionName(entry.action), programme: caseRef ? programmePseudonym(pseudonymKey, caseRef) : null });
    },
    async read(query = {}) {
      const entries = await readAudit(db, {
        ...(query.caseRef ? { programme: programmePseudonym(pseudonymKey, query.caseRef) } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
        limit: query.limit ?? 500,
      });
      return entries.map((e) => ({ at: e.at, actor: e.actor, role: e.role, action: e.action, programme: e.programme, result: e.result, ...(query.caseRef ? { caseRef: query.caseRef } : {}) }));
    },
  };
}
