/** The gateway clients file: secrets that are short, reused or carry whitespace stop the start. */
import { describe, expect, it } from 'vitest';
import { gatewayClientsFrom } from '../../gateway/clients.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { ValidationError } from '../../domain/validation.js';
import { newSecret } from '../support/gateway.js';

const file = (...clients: Array<Record<string, unknown>>) => ({ clients });
const partner = (id: string, ...secretEnv: string[]) => ({ id, role: 'partner', secretEnv });

function problems(content: unknown, env: Record<string, string>): string {
  try {
    gatewayClientsFrom(content, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as Error).message;
  }
  throw new Error('expected the clients file to be refused');
}

describe('gateway clients', () => {
  it('loads partners and the Return Agency with one or two secrets each', () => {
    const env = { SEC_A: newSecret(), SEC_A_NEXT: newSecret(), SEC_RA: newSecret(48) };
    const clients = gatewayClientsFrom(file(partner('ro-a', 'SEC_A', 'SEC_A_NEXT'), { id: 'ra-system', role: 'return-agency', secretEnv: ['SEC_RA'] }), env);
    expect(clients.get('ro-a')?.keys).toHaveLength(2);
    expect(clients.get('ra-system')?.role).toBe('return-agency');
    expect(clients.keys('nobody')).toBeUndefined();
  });

  it('refuses short, whitespace, non-base64, missing and reused secrets without repeating them', () => {
    const short = newSecret(31);
    const spaced = `${newSecret()}\n`;
    const shared = newSecret();
    const message = problems(
      file(partner('ro-a', 'SHORT'), partner('ro-b', 'SPACED'), partner('ro-c', 'PLAIN'), partner('ro-d', 'MISSING'), partner('ro-e', 'SHARED'), partner('ro-f', 'SHARED_TOO')),
      { SHORT: short, SPACED: spaced, PLAIN: 'not-a-secret-but-long-enough-to-pass-length-checks', SHARED: shared, SHARED_TOO: shared },
    );
    expect(message).toContain('clients[0].secretEnv[0]: environment variable SHORT: expected at least 32 random bytes (this one has 31)');
    expect(message).toContain('clients[1].secretEnv[0]: environment variable SPACED: contains whitespace');
    expect(message).toContain('clients[2].secretEnv[0]: environment variable PLAIN: expected a Standard Webhooks secret');
    expect(message).toContain('clients[3].secretEnv[0]: environment variable MISSING is not set');
    expect(message).toContain('clients[5].secretEnv[0]: environment variable SHARED_TOO holds the same secret as SHARED');
    for (const secret of [short, spaced.trim(), shared]) expect(message).not.toContain(secret.slice(6, 20));
  });

  it('refuses the same variable twice for one client, duplicate ids, bad ids and unknown fields', () => {
    const env = { SEC_A: newSecret(), SEC_B: newSecret() };
    expect(problems(file(partner('ro-a', 'SEC_A', 'SEC_A')), env)).toContain('clients[0].secretEnv[1]: environment variable SEC_A holds the same secret as SEC_A');
    expect(problems(file(partner('ro-a', 'SEC_A'), partner('ro-a', 'SEC_B')), env)).toContain('clients[1].id: expected a unique client id');
    expect(problems(file(partner('RO A', 'SEC_A')), env)).toContain('clients[0].id');
    expect(problems(file({ ...partner('ro-a', 'SEC_A'), secret: 'x' }), env)).toMatch(/clients\[0\].*secret/);
    expect(problems(file({ id: 'ro-a', role: 'caseworker', secretEnv: ['SEC_A'] }), env)).toContain('expected a client with role partner or return-agency');
  });

  it('reads its environment with defaults and refuses a timeout that would break the 5 s promise', () => {
    const config = loadGatewayConfig({ GATEWAY_CLIENTS: 'clients.yaml' });
    expect(config).toMatchObject({ GATEWAY_PORT: 8090, GATEWAY_HOST: '127.0.0.1', GATEWAY_TEMPORAL_TIMEOUT_MS: 4000, TEMPORAL_TASK_QUEUE: 'prepared-return' });
    expect(() => loadGatewayConfig({ GATEWAY_CLIENTS: 'c.yaml', GATEWAY_TEMPORAL_TIMEOUT_MS: '6000' })).toThrow(/GATEWAY_TEMPORAL_TIMEOUT_MS: expected at most 4500/);
    expect(() => loadGatewayConfig({})).toThrow(/GATEWAY_CLIENTS/);
  });
});
