/**
 * Who may do what, decided in the server and nowhere else. A role grants kinds of action; a
 * caseworker's reach over programmes is her own caseload and her team's. Supervisors reach every
 * programme, and act on its escalations. Data protection officers and analysts open no programme page at all: the officer
 * decides erasures and reads the audit trail, the analyst reads reports, which hold no personal data.
 */
import type { StaffDirectoryFile } from '../activities/staffDirectory.js';
import type { Role, User } from './user.js';

export const ACTIONS = ['caseload', 'open', 'read', 'steer', 'supervise', 'report', 'requestErasure', 'decideErasure', 'readAudit'] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Action, readonly Role[]> = {
  caseload: ['caseworker', 'supervisor'],
  open: ['caseworker'],
  read: ['caseworker', 'supervisor'],
  steer: ['caseworker'],
  // Acknowledging and resolving escalations: a supervisor's, on every programme she reads.
  supervise: ['supervisor'],
  report: ['analyst', 'supervisor', 'data-protection-officer'],
  requestErasure: ['supervisor'],
  decideErasure: ['data-protection-officer'],
  readAudit: ['supervisor', 'data-protection-officer'],
};

export function may(user: User, action: Action): boolean {
  return GRANTS[action].includes(user.role);
}

export class Access {
  constructor(private readonly staff: StaffDirectoryFile) {}

  /** The caseworkers whose programmes this user reaches; `all` for supervisors. */
  caseworkersInReach(user: User): 'all' | string[] {
    if (user.role === 'supervisor') return 'all';
    if (user.role !== 'caseworker') return [];
    const team = user.team;
    const colleagues = team ? Object.entries(this.staff.caseworkers).filter(([, c]) => c.team === team).map(([id]) => id) : [];
    return [...new Set([user.id, ...colleagues])];
  }

  /** Whether a programme held by `caseworkerId` is within this user's reach for `action`. */
  reaches(user: User, action: 'read' | 'steer' | 'supervise', caseworkerId: string | undefined): boolean {
    if (!may(user, action) || caseworkerId === undefined) return false;
    const reach = this.caseworkersInReach(user);
    return reach === 'all' || reach.includes(caseworkerId);
  }
}
