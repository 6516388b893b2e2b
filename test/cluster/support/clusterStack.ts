/**
 * The production topology on this machine, as separate processes the way an operator runs them: the
 * Temporal server (go.temporal.io/server) on two databases of its own on the machine's PostgreSQL,
 * reached through a TCP proxy the scenario can cut (PostgreSQL itself is shared and never
 * restarted), worker processes on one task queue, and gateway replicas behind one round-robin
 * address. Built on the reliability suite's stack: the same processes, peers and figures. Its
 * frontend is secured as production's is (mutual TLS and JWT authorisation): every worker, gateway
 * and the scenario's own client connect with a client certificate and a token of their own.
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { freePort } from '../../../dev/ports.js';
import { TcpProxy } from '../../../gateway/tcpProxy.js';
import { dropTemporalDatabases, migrateTemporalDatabases, type TemporalDatabaseNames } from '../../../dev/temporal-databases.js';
import { freeServerPorts, ProductionTemporalServer, startServerSecurity, type ServerSecurity } from '../../../dev/temporal-production-server.js';
import { provisionTemporalProduction, type TemporalProductionTools } from '../../../dev/temporal-production.js';
import type { Child } from '../../../dev/childProcess.js';
import { ROOT, Stack } from '../../reliability/support/stack.js';
import { machinePostgres } from './postgres.js';

export const CLUSTER_NAMESPACE = 'prepared-return';

export class ClusterStack extends Stack {
  readonly tools: TemporalProductionTools;
  readonly databases: TemporalDatabaseNames;
  /** Between the Temporal server and PostgreSQL. */
  postgresProxy!: TcpProxy;
  /** The one address partners send to, in front of the gateway replicas. */
  gatewayProxy!: TcpProxy;
  readonly gatewayReplicaPorts: number[] = [];
  private migrated = false;
  private security: ServerSecurity | undefined;

  constructor(scenario: string) {
    super(scenario, { namespace: CLUSTER_NAMESPACE, server: (stack) => (stack as ClusterStack).productionServer() });
    this.tools = provisionTemporalProduction();
    const id = `${scenario.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomUUID().slice(0, 8)}`;
    this.databases = { main: `pr_cluster_${id}`, visibility: `pr_cluster_${id}_visibility` };
  }

  get temporal(): ProductionTemporalServer {
    return this.server as ProductionTemporalServer;
  }

  override async start(): Promise<void> {
    const pg = machinePostgres();
    migrateTemporalDatabases(this.tools, pg, this.databases);
    this.migrated = true;
    this.postgresProxy = new TcpProxy({ host: '127.0.0.1', port: 0, targets: [{ host: pg.host, port: pg.port }] });
    await this.postgresProxy.start();
    await super.start();
    for (let i = 0; i < 2; i++) this.gatewayReplicaPorts.push(await freePort());
    this.gatewayProxy = new TcpProxy({ host: '127.0.0.1', port: this.gatewayPort, targets: this.gatewayReplicaPorts.map((port) => ({ host: '127.0.0.1', port })) });
    await this.gatewayProxy.start();
  }

  private async productionServer(): Promise<ProductionTemporalServer> {
    const pg = machinePostgres();
    this.security = await startServerSecurity(join(this.dir, 'temporal-security'));
    return new ProductionTemporalServer({
      tools: this.tools,
      postgres: { ...pg, host: '127.0.0.1', port: this.postgresProxy.port },
      databases: this.databases,
      ports: await freeServerPorts(),
      ip: '127.0.0.1',
      namespace: CLUSTER_NAMESPACE,
      retentionDays: 1,
      historyShards: 2,
      // 4 services × (4 + 2) connections at most: the machine's PostgreSQL serves others too.
      maxConns: 4,
      logDir: this.logDir,
      cwd: ROOT,
      security: this.security,
    });
  }

  /** Where each process started so far serves its metrics, by process name. */
  readonly metricsUrls = new Map<string, string>();

  /** A worker process with its metrics on a port of its own (the open-escalations gauge counted every 2 s). */
  override async startWorker(taskQueue: string, env: Record<string, string> = {}): Promise<Child> {
    const port = await freePort();
    const child = await super.startWorker(taskQueue, { PR_METRICS_ADDRESS: `127.0.0.1:${port}`, PR_ESCALATIONS_COUNT_INTERVAL_MS: '2000', ...env });
    this.metricsUrls.set(child.name, `http://127.0.0.1:${port}/metrics`);
    return child;
  }

  /** Gateway replica `index` (0 or 1) on its own port behind the proxy, with its metrics on another. */
  async startGatewayReplica(index: number): Promise<Child> {
    const port = await freePort();
    const child = await this.startGateway(this.gatewayReplicaPorts[index]!, { PR_METRICS_ADDRESS: `127.0.0.1:${port}` });
    this.metricsUrls.set(child.name, `http://127.0.0.1:${port}/metrics`);
    return child;
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.gatewayProxy?.stop();
    await this.postgresProxy?.stop();
    await this.security?.issuer.stop();
    if (this.migrated) dropTemporalDatabases(this.tools, machinePostgres(), this.databases);
  }
}
