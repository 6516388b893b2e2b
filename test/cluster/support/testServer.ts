/**
 * A secured production server for one test file of its own (not a whole cluster stack): one history
 * shard, few connections, on databases of the file's own on the machine's PostgreSQL, its log under
 * test-results/reliability/logs/<name>.
 */
import { join } from 'node:path';
import type { TemporalDatabaseNames } from '../../../dev/temporal-databases.js';
import { freeServerPorts, ProductionTemporalServer, type ServerSecurity } from '../../../dev/temporal-production-server.js';
import type { TemporalProductionTools } from '../../../dev/temporal-production.js';
import { ROOT } from '../../reliability/support/stack.js';
import { machinePostgres } from './postgres.js';

export async function testServer(options: { name: string; tools: TemporalProductionTools; databases: TemporalDatabaseNames; namespace: string; security: ServerSecurity }): Promise<ProductionTemporalServer> {
  return new ProductionTemporalServer({
    tools: options.tools,
    postgres: machinePostgres(),
    databases: options.databases,
    ports: await freeServerPorts(),
    ip: '127.0.0.1',
    namespace: options.namespace,
    retentionDays: 1,
    historyShards: 1,
    maxConns: 3,
    logDir: join(ROOT, 'test-results', 'reliability', 'logs', options.name),
    cwd: ROOT,
    security: options.security,
  });
}
