/**
 * Who may call the gateway: partner organisations (ids from the partner directory) and the Return
 * Agency's system. Written by operators as a YAML or JSON file (`GATEWAY_CLIENTS`):
 *
 *   clients:
 *     - id: ro-harbour-house
 *       role: partner
 *       secretEnv: [GATEWAY_SECRET_RO_HARBOUR_HOUSE]          # two names while rotating
 *     - id: return-agency
 *       role: return-agency
 *       secretEnv: [GATEWAY_SECRET_RETURN_AGENCY]
 *
 * Secrets are never in the file: it names the environment variables that hold them, so the file can
 * be reviewed and versioned. A secret must be `whsec_` + base64 of at least 32 random bytes, must not
 * contain whitespace (a pasted secret with a stray newline would otherwise verify nothing, silently)
 * and must not be used twice (one leaked secret must not let a caller speak as another client).
 * Problems name the entry and the variable, never the value.
 */
import { z } from 'zod';
import { readConfigFile } from '../activities/configFile.js';
import type { Sender } from '../domain/events.js';
import { PartnerId } from '../domain/notifications.js';
import { StaffId } from '../domain/programme.js';
import { fieldProblems, ValidationError, type FieldProblem } from '../domain/validation.js';

export const MIN_SECRET_BYTES = 32;

const envName = z
  .string({ error: 'expected the name of an environment variable' })
  .regex(/^[A-Z][A-Z0-9_]{2,63}$/, 'expected the name of an environment variable, e.g. GATEWAY_SECRET_RO_EXAMPLE');

const secretEnv = z
  .array(envName, { error: 'expected a list of environment variable names' })
  .min(1, 'expected at least one environment variable')
  .max(2, 'expected at most two (the current secret and the next, while rotating)');

export const GatewayClientEntry = z.discriminatedUnion(
  'role',
  [
    z.strictObject({ id: PartnerId, role: z.literal('partner'), secretEnv }),
    z.strictObject({ id: StaffId, role: z.literal('return-agency'), secretEnv }),
  ],
  { error: 'expected a client with role partner or return-agency' },
);

export const GatewayClientsFile = z
  .strictObject({ clients: z.array(GatewayClientEntry, { error: 'expected a list of clients' }).min(1, 'expected at least one client') })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.clients.forEach((client, index) => {
      if (seen.has(client.id)) ctx.addIssue({ code: 'custom', path: ['clients', index, 'id'], message: 'expected a unique client id (this one is listed twice)' });
      seen.add(client.id);
    });
  });

export interface GatewayClient {
  id: string;
  role: Extract<Sender['role'], 'partner' | 'return-agency'>;
  /** Decoded secrets; every one verifies. */
  keys: Buffer[];
}

export class GatewayClients {
  private readonly byId: Map<string, GatewayClient>;

  constructor(clients: readonly GatewayClient[]) {
    this.byId = new Map(clients.map((c) => [c.id, c]));
  }

  get(id: string): GatewayClient | undefined {
    return this.byId.get(id);
  }

  keys = (id: string): readonly Buffer[] | undefined => this.byId.get(id)?.keys;

  get all(): GatewayClient[] {
    return [...this.byId.values()];
  }
}

/** Why a secret is refused, in words that never repeat it; undefined when it is good. */
export function secretProblem(value: string): string | undefined {
  if (/\s/.test(value)) return 'contains whitespace (copy the secret without spaces or line breaks)';
  if (!value.startsWith('whsec_')) return 'expected a Standard Webhooks secret: whsec_ followed by base64';
  const encoded = value.slice('whsec_'.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return 'expected whsec_ followed by base64';
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < MIN_SECRET_BYTES) return `expected at least ${MIN_SECRET_BYTES} random bytes (this one has ${bytes.length})`;
  return undefined;
}

export function decodeSecret(value: string): Buffer {
  return Buffer.from(value.slice('whsec_'.length), 'base64');
}

export function gatewayClientsFrom(content: unknown, env: Record<string, string | undefined>, what = 'The gateway clients file'): GatewayClients {
  const parsed = GatewayClientsFile.safeParse(content);
  if (!parsed.success) throw new ValidationError(what, fieldProblems(parsed.error));

  const problems: FieldProblem[] = [];
  const owners = new Map<string, string>(); // secret (decoded, base64) → where it was first seen
  const clients = parsed.data.clients.map((entry, index): GatewayClient => {
    const keys: Buffer[] = [];
    entry.secretEnv.forEach((name, position) => {
      const field = `clients[${index}].secretEnv[${position}]`;
      const value = env[name];
      if (value === undefined || value === '') {
        problems.push({ field, problem: `environment variable ${name} is not set` });
        return;
      }
      const problem = secretProblem(value);
      if (problem) {
        problems.push({ field, problem: `environment variable ${name}: ${problem}` });
        return;
      }
      const key = decodeSecret(value);
      const fingerprint = key.toString('base64');
      const owner = owners.get(fingerprint);
      if (owner !== undefined) {
        problems.push({ field, problem: `environment variable ${name} holds the same secret as ${owner}: every client needs its own` });
        return;
      }
      owners.set(fingerprint, `${name} (${field})`);
      keys.push(key);
    });
    return { id: entry.id, role: entry.role, keys };
  });
  if (problems.length > 0) throw new ValidationError(what, problems);
  return new GatewayClients(clients);
}

export function loadGatewayClients(path: string, env: Record<string, string | undefined>): GatewayClients {
  return gatewayClientsFrom(readConfigFile(path, 'The gateway clients file'), env, `The gateway clients file ${path}`);
}
