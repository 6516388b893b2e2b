/**
 * The production Temporal server (go.temporal.io/server, all four services in one process) on
 * PostgreSQL, for the local cluster and the cluster tests: started from the config template in
 * deploy/temporal/config with its settings as variables, and made ready for the programmes (our
 * namespace and search attributes registered, and visible to the frontend before anyone starts).
 *
 * The server process is a `Child` (its own process group), so a test can SIGKILL it and start it
 * again on the same databases and ports.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { clientConnectionOptions } from '../temporal/connection.js';
import { prepareNamespace } from '../temporal/namespace.js';
import { loadTemporalProfile, type TemporalProfile } from '../temporal/profile.js';
import { Child, sleep } from './childProcess.js';
import { freePort, freePortBetween } from './ports.js';
import type { PostgresEndpoint, TemporalDatabaseNames } from './temporal-databases.js';
import type { TemporalProductionTools } from './temporal-production.js';
import { ensureTemporalCertificates, type TemporalCaller, type TemporalCertificates } from './temporal-certificates.js';
import { identityProviderKeys, TEMPORAL_RESOURCE, type ServiceClient } from './identityProvider.js';
import { TokenIssuer } from './tokenIssuer.js';

/** The folder the server reads as `--root`: its `config/production.yaml` is the template. */
export const TEMPORAL_DEPLOY_DIR = fileURLToPath(new URL('../deploy/temporal/', import.meta.url));
export const DYNAMIC_CONFIG = join(TEMPORAL_DEPLOY_DIR, 'config', 'dynamicconfig.yaml');

export interface ServerPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
  metrics: number;
}

/** Free ports for every service (membership ports below the range the system hands out for outgoing connections). */
export async function freeServerPorts(): Promise<ServerPorts> {
  const membership = () => freePortBetween(20000, 32767);
  return {
    frontend: await freePort(),
    frontendHttp: await freePort(),
    history: await freePort(),
    matching: await freePort(),
    worker: await freePort(),
    frontendMembership: await membership(),
    historyMembership: await membership(),
    matchingMembership: await membership(),
    workerMembership: await membership(),
    metrics: await freePort(),
  };
}

export interface ProductionServerOptions {
  tools: TemporalProductionTools;
  postgres: PostgresEndpoint;
  databases: TemporalDatabaseNames;
  ports: ServerPorts;
  /** Where every service listens (loopback for the local cluster). */
  ip: string;
  namespace: string;
  /** How long closed programmes stay readable before the server deletes them. */
  retentionDays: number;
  historyShards?: number;
  /** Connections each service may open to each database (the machine's PostgreSQL is shared). */
  maxConns?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  logDir: string;
  cwd: string;
  /** Mutual TLS at the frontend and JWT authorisation; the server is open on loopback without. */
  security?: ServerSecurity;
}

export interface ServerSecurity {
  certificates: TemporalCertificates;
  issuer: TokenIssuer;
  /**
   * Other keys the frontend trusts besides the issuer's, as JWKS addresses: the identity provider's,
   * whose access tokens the Web UI passes on for the supervisor signed in to it. The server fetches
   * them all as it starts (and every minute), so they must be served by then.
   */
  trustedKeys: string[];
  /** The internal frontend the server's own system workers call (they carry no token). */
  internalFrontendPort: number;
  internalFrontendMembershipPort: number;
  /**
   * The services that sign in at the identity provider for their tokens, as a deployment's do
   * (temporal/serviceToken.ts); the others carry a token of the local issuer.
   */
  serviceTokens?: ServiceTokens;
}

/** The processes that run as services of their own, each a client of the identity provider. */
export type ServiceCaller = Extract<TemporalCaller, 'worker' | 'gateway' | 'app'>;

export interface ServiceTokens {
  /** The identity provider's issuer URL. */
  issuer: string;
  clients: Record<ServiceCaller, ServiceClient>;
}

/** Each service's client at the identity provider: its own id and secret, and its permissions (permissionsOf). */
export function serviceClients(namespace: string): Record<ServiceCaller, ServiceClient> {
  const client = (caller: ServiceCaller): ServiceClient => ({ clientId: `prepared-return-${caller}`, clientSecret: randomBytes(24).toString('base64url'), permissions: permissionsOf(caller, namespace) });
  return { worker: client('worker'), gateway: client('gateway'), app: client('app') };
}

/**
 * Security for a server of the tests: certificates and the token issuer's key made in `dir`, the
 * issuer serving its keys (stop it with `issuer.stop()`), and the internal frontend on free ports.
 */
export async function startServerSecurity(dir: string, options: { trustedKeys?: string[]; serviceTokens?: ServiceTokens } = {}): Promise<ServerSecurity> {
  const issuer = TokenIssuer.inFolder(dir);
  await issuer.start();
  // The services' provider is trusted for them, and for the supervisor the Web UI passes on (the same provider).
  const trustedKeys = [...(options.trustedKeys ?? []), ...(options.serviceTokens ? [identityProviderKeys(options.serviceTokens.issuer)] : [])];
  return {
    certificates: ensureTemporalCertificates(join(dir, 'tls')),
    issuer,
    trustedKeys,
    internalFrontendPort: await freePort(),
    internalFrontendMembershipPort: await freePortBetween(20000, 32767),
    ...(options.serviceTokens ? { serviceTokens: options.serviceTokens } : {}),
  };
}

/** A process reads its token once, at its start: long enough for the longest run of the local topology. */
const TOKEN_TTL_SECONDS = 24 * 3600;

/**
 * What each caller may do, as the server's default claim mapper reads it (`<namespace>:<role>`),
 * under our server's `worker-role` authorizer (deploy/temporal-server/authorizer.go). The worker
 * holds `worker`, which lets it poll and complete tasks and nothing else, and `read`, for the
 * history pages and counts it reads: it cannot start, signal, update or end a programme. The
 * gateway and the app start, signal and update programmes, so they hold `write`; the Web UI reads;
 * only provisioning (namespace, search attributes) holds admin, of our namespace alone.
 */
export function permissionsOf(caller: TemporalCaller, namespace: string): string[] {
  switch (caller) {
    case 'admin':
      return [`${namespace}:admin`];
    case 'ui':
      return [`${namespace}:read`];
    case 'worker':
      return [`${namespace}:worker`, `${namespace}:read`];
    default:
      return [`${namespace}:write`];
  }
}

/**
 * What a person signed in at the identity provider may do at the frontend, as her access token's
 * `permissions` claim: a supervisor reads as the Web UI does; nobody else has a Temporal permission
 * (caseworkers act through the app, which records who did what).
 */
export const staffPermissions =
  (namespace: string) =>
  (person: { role: string }): string[] =>
    person.role === 'supervisor' ? permissionsOf('ui', namespace) : [];

/**
 * How the server is started, from the folder that holds config/production.yaml: here, and in
 * docker-compose.yml. Secured, it runs the internal frontend too, which the server's own system
 * workers call without a token.
 */
export function serverArgs(root: string, secured: boolean): string[] {
  const services = secured ? ['frontend', 'internal-frontend', 'history', 'matching', 'worker'].flatMap((service) => ['--service', service]) : [];
  return ['--root', root, '--config', 'config', '--env', 'production', '--allow-no-auth', 'start', ...services];
}

export class ProductionTemporalServer {
  private child: Child | undefined;
  private starts = 0;

  constructor(readonly options: ProductionServerOptions) {}

  get address(): string {
    return `${this.options.ip}:${this.options.ports.frontend}`;
  }

  get metricsUrl(): string {
    return `http://${this.options.ip}:${this.options.ports.metrics}/metrics`;
  }

  get process(): Child | undefined {
    return this.child;
  }

  /** The variables the config template reads (deploy/temporal/config/production.yaml). */
  templateEnv(): Record<string, string> {
    const { postgres, databases, ports, ip, security } = this.options;
    return {
      ...(security
        ? {
            PR_TEMPORAL_TLS_CA: security.certificates.caCert,
            PR_TEMPORAL_TLS_CERT: security.certificates.serverCert,
            PR_TEMPORAL_TLS_KEY: security.certificates.serverKey,
            PR_TEMPORAL_TLS_SERVER_NAME: security.certificates.serverName,
            PR_TEMPORAL_JWKS_URLS: [security.issuer.jwksUrl, ...security.trustedKeys].join(','),
            PR_TEMPORAL_INTERNAL_FRONTEND_PORT: String(security.internalFrontendPort),
            PR_TEMPORAL_INTERNAL_FRONTEND_MEMBERSHIP_PORT: String(security.internalFrontendMembershipPort),
          }
        : {}),
      PR_TEMPORAL_DB_HOST: postgres.host,
      PR_TEMPORAL_DB_PORT: String(postgres.port),
      PR_TEMPORAL_DB_USER: postgres.user,
      PR_TEMPORAL_DB_PASSWORD: postgres.password ?? '',
      PR_TEMPORAL_DB_NAME: databases.main,
      PR_TEMPORAL_VISIBILITY_DB_NAME: databases.visibility,
      PR_TEMPORAL_DB_MAX_CONNS: String(this.options.maxConns ?? 4),
      PR_TEMPORAL_VISIBILITY_DB_MAX_CONNS: String(Math.max(2, Math.floor((this.options.maxConns ?? 4) / 2))),
      PR_TEMPORAL_HISTORY_SHARDS: String(this.options.historyShards ?? 4),
      PR_TEMPORAL_BIND_IP: ip,
      PR_TEMPORAL_BROADCAST_ADDRESS: ip,
      PR_TEMPORAL_FRONTEND_PORT: String(ports.frontend),
      PR_TEMPORAL_FRONTEND_HTTP_PORT: String(ports.frontendHttp),
      PR_TEMPORAL_HISTORY_PORT: String(ports.history),
      PR_TEMPORAL_MATCHING_PORT: String(ports.matching),
      PR_TEMPORAL_WORKER_PORT: String(ports.worker),
      PR_TEMPORAL_FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
      PR_TEMPORAL_HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
      PR_TEMPORAL_MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
      PR_TEMPORAL_WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
      PR_TEMPORAL_METRICS_ADDRESS: `${ip}:${ports.metrics}`,
      PR_TEMPORAL_DYNAMIC_CONFIG: DYNAMIC_CONFIG,
      PR_TEMPORAL_LOG_LEVEL: this.options.logLevel ?? 'warn',
    };
  }

  /** Starts the server and resolves once the frontend serves our namespace with every search attribute. */
  async start(): Promise<void> {
    this.starts += 1;
    this.child = new Child({
      name: `temporal-server-${this.starts}`,
      command: this.options.tools.server,
      args: serverArgs(TEMPORAL_DEPLOY_DIR, this.options.security !== undefined),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.templateEnv() },
      cwd: this.options.cwd,
      logDir: this.options.logDir,
    });
    const connection = await this.connectWhenServing(120_000);
    try {
      await prepareNamespace(connection, this.options.namespace, this.options.retentionDays);
    } finally {
      await connection.close();
    }
  }

  private async connectWhenServing(timeoutMs: number): Promise<Connection> {
    const started = Date.now();
    let last: unknown;
    while (Date.now() - started < timeoutMs) {
      if (this.child?.exited) throw new Error(`the Temporal server exited at start:\n${this.child.tail}`);
      try {
        const connection = await Connection.connect({ ...clientConnectionOptions(this.profile('admin')), connectTimeout: 1000 });
        try {
          await connection.healthService.check({});
          return connection;
        } catch (err) {
          await connection.close();
          throw err;
        }
      } catch (err) {
        last = err;
        await sleep(250);
      }
    }
    throw new Error(`the Temporal server did not serve within ${timeoutMs} ms: ${String(last)}\n${this.child?.tail ?? ''}`);
  }

  /**
   * The connection profile `caller` connects with, as the variables our processes read
   * (temporal/profile.ts): the frontend and the namespace, and when the server is secured the
   * caller's client certificate and a token with its permissions.
   */
  profileEnv(caller: TemporalCaller): Record<string, string> {
    const reach = { TEMPORAL_ADDRESS: this.address, TEMPORAL_NAMESPACE: this.options.namespace };
    const security = this.options.security;
    if (!security) return reach;
    const { certificates, issuer, serviceTokens } = security;
    const client = serviceTokens?.clients[caller as ServiceCaller];
    return {
      ...reach,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificates.caCert,
      TEMPORAL_TLS_SERVER_NAME: certificates.serverName,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certificates.clients[caller].cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certificates.clients[caller].key,
      ...(serviceTokens && client
        ? {
            PR_TEMPORAL_TOKEN_ISSUER: serviceTokens.issuer,
            PR_TEMPORAL_TOKEN_CLIENT_ID: client.clientId,
            PR_TEMPORAL_TOKEN_CLIENT_SECRET: client.clientSecret,
            PR_TEMPORAL_TOKEN_RESOURCE: TEMPORAL_RESOURCE,
          }
        : { TEMPORAL_GRPC_META_AUTHORIZATION: `Bearer ${issuer.issue({ subject: caller, permissions: permissionsOf(caller, this.options.namespace), ttlSeconds: TOKEN_TTL_SECONDS })}` }),
    };
  }

  /** The Web UI server's client certificate at a secured frontend (its calls carry the signed-in supervisor's token). */
  uiTls(): { caCert: string; cert: string; key: string; serverName: string } | undefined {
    const certificates = this.options.security?.certificates;
    return certificates && { caCert: certificates.caCert, ...certificates.clients.ui, serverName: certificates.serverName };
  }

  /** The same profile, for a connection of this process (temporal/connection.ts). */
  profile(caller: TemporalCaller): TemporalProfile {
    return loadTemporalProfile(this.profileEnv(caller));
  }

  /** Stops the server (SIGTERM drains, SIGKILL is a crash); resolves once its process group is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    await child.stop(signal, 20_000);
    if (!child.isGone()) throw new Error('the Temporal server process group is still alive after stopping it');
  }
}
