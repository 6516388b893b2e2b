/**
 * The web app put together from its configuration: a Temporal client with the service's data
 * converter (payloads are decoded here and only here), the staff directory for teams, the audit
 * trail, the erasure requests, the login, the desk and the HTTP server. Used by web/main.ts, the
 * local stack and the tests alike.
 */
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadStaffDirectory } from '../activities/staffDirectory.js';
import { connectClient } from '../client/connection.js';
import { loadCodecConfig } from '../codec/config.js';
import { programmeCaseSecrets, programmeCodec, programmeDataConverter } from '../codec/dataConverter.js';
import { Access } from './access.js';
import { storeAuditTrail, type AuditTrail } from './audit.js';
import { loadStoreConfig } from '../store/config.js';
import { openDatabase } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import type { WebConfig } from './config.js';
import { Desk } from './desk.js';
import { ErasureRequests } from './erasureRequests.js';
import { Login } from './login.js';
import { WebMetrics } from './metrics.js';
import { buildWebApp } from './server.js';

export interface WebApp {
  app: FastifyInstance;
  desk: Desk;
  audit: AuditTrail;
  /** Stops taking requests, lets those under way finish, then closes Temporal and the audit trail. */
  close(): Promise<void>;
}

export async function createWebApp(config: WebConfig, env: Record<string, string | undefined>, options: { logLevel?: string; logStream?: NodeJS.WritableStream } = {}): Promise<WebApp> {
  const staff = loadStaffDirectory(resolve(config.PR_STAFF_DIRECTORY));
  const codec = loadCodecConfig(env);
  // No audit, no app: the database is checked (and its schema brought up to date) before anything is served.
  const store = loadStoreConfig(env);
  const db = openDatabase(store);
  await migrate(db);
  const audit = storeAuditTrail(db, store.pseudonymKey);
  const client = await connectClient(config, { dataConverter: programmeDataConverter(codec, config.temporal.namespace, db) });
  const dataDir = resolve(config.PR_WEB_DATA_DIR);
  const desk = new Desk({
    client,
    db,
    pseudonymKey: store.pseudonymKey,
    access: new Access(staff.file),
    audit,
    erasures: new ErasureRequests(join(dataDir, 'erasure-requests')),
    caseSecrets: programmeCaseSecrets(codec, db),
    payloadCodec: programmeCodec(codec, config.temporal.namespace, db),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  });
  const app = await buildWebApp({
    config,
    desk,
    login: new Login(config),
    metrics: new WebMetrics(),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    temporalHealthy: async () => {
      await client.withDeadline(Date.now() + 3000, () => client.workflowService.getSystemInfo({}));
      return true;
    },
  });
  return {
    app,
    desk,
    audit,
    async close() {
      await app.close();
      await client.connection.close();
      await db.close();
    },
  };
}
