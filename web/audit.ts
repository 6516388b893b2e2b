/**
 * The audit trail as the web app uses it: who read or changed which programme, when, and with what
 * result. Entries carry the actor's staff id and role and the pseudonymous case reference, never a
 * name or anything the programme holds. Append-only: there is no way to change or remove an entry.
 */
export const AUDIT_RESULTS = ['ok', 'refused', 'invalid', 'not-found', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditEntry {
  at: string;
  actor: string;
  role: string;
  /** `programme.read`, `command.planTravel`, `event.departureConfirmed`, `erasure.request`, `sign-in`… */
  action: string;
  caseRef?: string;
  result: AuditResult;
}

export interface AuditQuery {
  caseRef?: string;
  actor?: string;
  limit?: number;
}

export interface AuditTrail {
  record(entry: Omit<AuditEntry, 'at'>): Promise<void>;
  /** Newest first. */
  read(query?: AuditQuery): Promise<AuditEntry[]>;
  close?(): Promise<void>;
}
