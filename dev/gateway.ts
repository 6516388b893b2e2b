/**
 * The partner gateway in the local stack (`npm start`): it listens where the partner simulator sends
 * its events (`PR_GATEWAY_URL`) and knows every API partner of the dev partner directory with the
 * secret the simulator signs with, plus the Return Agency's system (`GATEWAY_SECRET_RETURN_AGENCY`,
 * generated for the run when unset). Deployments run `npm run gateway` with a clients file instead.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { PartnerEntry } from '../activities/partnerDirectory.js';
import { clientDataConverter } from '../client/dataConverter.js';
import { gatewayClientsFrom } from '../gateway/clients.js';
import { TemporalProgrammes } from '../gateway/programmes.js';
import { buildGateway } from '../gateway/server.js';
import type { AuditTrail } from '../store/auditTrail.js';
import { lazyConnection } from '../temporal/connection.js';
import type { TemporalProfile } from '../temporal/profile.js';
import { generateWebhookSecret } from './peers.js';

export const DEV_RETURN_AGENCY = { id: 'return-agency', secretEnv: 'GATEWAY_SECRET_RETURN_AGENCY' } as const;

export interface DevGateway {
  url: string;
  /** Who may sign events, and the variable holding each one's secret. */
  clients: Array<{ id: string; role: string; secretEnv: string }>;
  stop(): Promise<void>;
}

/** The gateway's port: the one in `PR_GATEWAY_URL`, so the simulator's events arrive. */
export function devGatewayPort(gatewayUrl: string): number {
  const url = new URL(gatewayUrl);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

export async function startDevGateway(options: {
  host: string;
  port: number;
  /** The stack's own Temporal server. */
  temporal: TemporalProfile;
  partners: readonly PartnerEntry[];
  audit: AuditTrail;
  /** Holds the partners' secrets (written there by startDevPeers); the Return Agency's is added. */
  env: Record<string, string | undefined>;
}): Promise<DevGateway> {
  const { env } = options;
  env[DEV_RETURN_AGENCY.secretEnv] ??= generateWebhookSecret();
  const partnerClients = options.partners.flatMap((p) =>
    p.channel.type === 'api' && env[p.channel.secretEnv] ? [{ id: p.id, role: 'partner', secretEnv: [p.channel.secretEnv] }] : [],
  );
  const entries = [...partnerClients, { id: DEV_RETURN_AGENCY.id, role: 'return-agency', secretEnv: [DEV_RETURN_AGENCY.secretEnv] }];
  const clients = gatewayClientsFrom(
    { clients: entries },
    env,
    'The local gateway clients',
  );
  const connection = await lazyConnection(options.temporal);
  const dataConverter = await clientDataConverter(env, options.temporal.namespace);
  const client = new Client({ connection, namespace: options.temporal.namespace, ...(dataConverter ? { dataConverter } : {}) });
  const app: FastifyInstance = buildGateway({
    clients,
    programmes: new TemporalProgrammes(client),
    audit: options.audit,
    rateLimit: { perMinute: 600, burst: 60 },
  });
  await app.listen({ host: options.host, port: options.port });
  const shownHost = options.host === '127.0.0.1' || options.host === '0.0.0.0' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${options.port}`,
    clients: entries.map((c) => ({ id: c.id, role: c.role, secretEnv: c.secretEnv[0]! })),
    async stop() {
      await app.close();
      await connection.close();
    },
  };
}
