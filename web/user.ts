/**
 * Who is signed in: the identity provider's subject is the staff id every command carries as its
 * actor, its role claim decides what she may do, its team claim whose programmes she sees.
 */
import { z } from 'zod';
import { StaffId } from '../domain/programme.js';
import { DisplayName, roleInClaim, StaffRole, TeamId, type StaffRole as Role } from '../domain/staff.js';

export const User = z.strictObject({
  id: StaffId,
  name: DisplayName,
  role: StaffRole,
  team: TeamId.optional(),
});
export type User = z.output<typeof User>;
export type { Role };

export class NotSignedIn extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = 'NotSignedIn';
  }
}

/** The user from an ID token's claims; a token without a usable role signs nobody in. */
export function userFromClaims(claims: Record<string, unknown>, roleClaim: string, teamClaim: string): User {
  const parsed = User.safeParse({
    id: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    role: roleInClaim(claims[roleClaim]),
    ...(claims[teamClaim] !== undefined ? { team: claims[teamClaim] } : {}),
  });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new NotSignedIn(`the identity provider sent no usable ${field === 'role' ? roleClaim : field === 'team' ? teamClaim : String(field)} claim`);
  }
  return parsed.data;
}
