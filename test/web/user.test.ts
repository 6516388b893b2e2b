import { describe, expect, it } from 'vitest';
import { NotSignedIn, userFromClaims } from '../../web/user.js';

describe("the signed-in user from a token's claims", () => {
  const claims = { sub: 'cw-anna', name: 'Anna Andersen', team: 'team-north' };

  it('takes the role from one value (Keycloak, the local provider) or from a list of application roles (Entra ID)', () => {
    expect(userFromClaims({ ...claims, role: 'caseworker' }, 'role', 'team')).toMatchObject({ id: 'cw-anna', role: 'caseworker' });
    expect(userFromClaims({ ...claims, roles: ['Reader.All', 'supervisor'] }, 'roles', 'team')).toMatchObject({ role: 'supervisor' });
  });

  it('signs nobody in whose list holds two of our roles, or none', () => {
    expect(() => userFromClaims({ ...claims, roles: ['supervisor', 'caseworker'] }, 'roles', 'team')).toThrow(NotSignedIn);
    expect(() => userFromClaims({ ...claims, roles: ['Reader.All'] }, 'roles', 'team')).toThrow('no usable roles claim');
  });
});
