/**
 * Who works at the centre, in which role and team: the one directory the identity provider takes its
 * users from, the web app takes team membership from, and staff mail takes addresses from. Staff ids
 * and team codes are pseudonymous; a display name is the only personal data, and it is staff's own.
 */
import { z } from 'zod';
import { StaffId } from './programme.js';

export const STAFF_ROLES = ['caseworker', 'supervisor', 'data-protection-officer', 'analyst'] as const;
export const StaffRole = z.enum(STAFF_ROLES, { error: 'expected caseworker, supervisor, data-protection-officer or analyst' });
export type StaffRole = z.output<typeof StaffRole>;

export const TeamId = z
  .string({ error: 'expected a team code such as team-north' })
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'expected a team code (lower-case letters, digits, -), e.g. team-north');

export const DisplayName = z.string().min(1, 'expected a name').max(100, 'expected at most 100 characters');

/** Staff who are not caseworkers: they sign in to the web app but hold no caseload. */
export const StaffMember = z.strictObject({
  name: DisplayName,
  role: z.enum(['supervisor', 'data-protection-officer', 'analyst'], { error: 'expected supervisor, data-protection-officer or analyst' }),
  email: z.email({ error: 'expected an e-mail address' }).optional(),
});
export type StaffMember = z.output<typeof StaffMember>;

/** A record keyed by staff id, each key checked like every staff id. */
export function byStaffId<S extends z.ZodType>(entry: S) {
  return z.record(z.string(), entry).superRefine((entries, ctx) => {
    for (const id of Object.keys(entries)) {
      const problem = StaffId.safeParse(id).error?.issues[0]?.message;
      if (problem) ctx.addIssue({ code: 'custom', path: [id], message: problem });
    }
  });
}
