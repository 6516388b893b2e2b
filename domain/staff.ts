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

/**
 * The role a token's role claim gives: a single value (Keycloak's mapper, the local provider), or a
 * list of application roles (Microsoft Entra ID's `roles`), of which exactly one must be ours. Two
 * of our roles in one token say nothing about which she acts in, so such a token gives none; other
 * values in the list (roles of other applications) are ignored.
 */
export function roleInClaim(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const ours = value.filter((v): v is StaffRole => typeof v === 'string' && (STAFF_ROLES as readonly string[]).includes(v));
  return ours.length === 1 ? ours[0] : undefined;
}

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
