/**
 * `npm start`: the whole service on this machine, nothing to install by hand.
 *
 *   Temporal dev server (SQLite file in the data folder, Web UI, search attributes registered)
 *   └─ worker (workflows + activities)
 *   SMTP sink (every message kept as an .eml file in <data>/mail)
 *   partner simulator (plays the dev partner directory's API partners; answers referrals in demo mode)
 *   partner gateway (signed partner events in, signals out; where the simulator sends its events)
 *   codec endpoint (HTTPS on loopback: the Web UI decodes payloads through it with a supervisor token)
 *   PostgreSQL (the evaluation ledger and the audit log): DATABASE_URL, or an embedded server in the data folder
 *   caseworkers' web app (web/) with its local OpenID provider (users from the staff directory)
 *
 * Everything stops cleanly on Ctrl-C; programmes live in the SQLite file and the ledger in PostgreSQL,
 * and all are there after a restart.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { loadLocalStackConfig } from '../domain/config.js';
import { ValidationError } from '../domain/validation.js';
import { loadReportSchedule } from '../domain/report/schedule.js';
import { createActivities } from '../activities/index.js';
import { ConfigFileError } from '../activities/configFile.js';
import { createProgrammeWorker } from '../worker/worker.js';
import { auditTrail } from '../store/auditTrail.js';
import { loadStoreConfig } from '../store/config.js';
import { openDatabase } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { dataConverterFromEnv } from '../codec/dataConverter.js';
import { ensureDevCodecFiles, startDevCodec } from './codec.js';
import { startDevDatabase } from './database.js';
import { devGatewayPort, startDevGateway } from './gateway.js';
import { DEV_CODEC_AUDIENCE, startDevDesk } from './desk.js';
import { localIssuer } from './identityProvider.js';
import { AccessTokenVerifier } from '../identity/accessToken.js';
import { startDevPeers } from './peers.js';
import { registerReportSchedule } from './reportSchedule.js';
import { loadDevPeersConfig } from './peersConfig.js';
import { assertPortsFree, PortTaken } from './ports.js';
import { TemporalCliUnavailable } from './temporal-cli.js';
import { startDevServer } from './temporal-server.js';

async function main(): Promise<void> {
  const config = loadLocalStackConfig(process.env);
  const peersConfig = loadDevPeersConfig(process.env);
  const reportSchedule = loadReportSchedule(process.env);
  const dataDir = resolve(config.PR_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  // Development keys on first start, reused afterwards (loadCodecConfig finds them in the data folder).
  const codecFiles = ensureDevCodecFiles(dataDir, config.PR_NAMESPACE);
  await assertPortsFree([
    { port: config.PR_TEMPORAL_PORT, host: config.PR_HOST, variable: 'PR_TEMPORAL_PORT', what: 'Temporal server' },
    { port: config.PR_UI_PORT, host: config.PR_HOST, variable: 'PR_UI_PORT', what: 'Temporal Web UI' },
    { port: config.PR_CODEC_PORT, host: '127.0.0.1', variable: 'PR_CODEC_PORT', what: 'codec endpoint' },
    { port: config.PR_WEB_PORT, host: config.PR_HOST, variable: 'PR_WEB_PORT', what: 'caseworker desk' },
    { port: config.PR_IDP_PORT, host: config.PR_HOST, variable: 'PR_IDP_PORT', what: 'local identity provider' },
    { port: peersConfig.PR_SMTP_PORT, host: config.PR_HOST, variable: 'PR_SMTP_PORT', what: 'local mail sink' },
    { port: peersConfig.PR_PARTNER_SIM_PORT, host: config.PR_HOST, variable: 'PR_PARTNER_SIM_PORT', what: 'partner simulator' },
    { port: devGatewayPort(peersConfig.PR_GATEWAY_URL), host: config.PR_HOST, variable: 'PR_GATEWAY_URL', what: 'partner gateway' },
    ...(process.env.DATABASE_URL ? [] : [{ port: config.PR_POSTGRES_PORT, host: '127.0.0.1', variable: 'PR_POSTGRES_PORT', what: 'embedded PostgreSQL' }]),
  ]);

  const database = await startDevDatabase({ dataDir, port: config.PR_POSTGRES_PORT, databaseUrl: process.env.DATABASE_URL || undefined, log: (line) => console.log(line) });
  const store = loadStoreConfig({ ...process.env, PR_DATA_DIR: dataDir });
  const db = openDatabase(store);
  await migrate(db);
  const audit = auditTrail(db, store.pseudonymKey);

  const peers = await startDevPeers({
    config: peersConfig,
    host: config.PR_HOST,
    dataDir,
    env: process.env,
    store: { db, pseudonymKey: store.pseudonymKey },
    log: (line) => console.log(line),
  });

  const codec = await startDevCodec({
    host: '127.0.0.1',
    port: config.PR_CODEC_PORT,
    namespace: config.PR_NAMESPACE,
    uiOrigins: [`http://localhost:${config.PR_UI_PORT}`, `http://127.0.0.1:${config.PR_UI_PORT}`],
    files: codecFiles,
    env: { ...process.env, PR_DATA_DIR: dataDir },
    certDir: dataDir,
    audit,
    // Supervisors signed in at the local provider decode; its keys are fetched at the first decode.
    accessTokens: {
      verifier: new AccessTokenVerifier({ issuer: localIssuer(config.PR_HOST, config.PR_IDP_PORT), audience: DEV_CODEC_AUDIENCE }),
      roleClaim: 'role',
      namespaces: [config.PR_NAMESPACE],
    },
  });

  const dbFilename = resolve(dataDir, 'temporal.sqlite');
  console.log(`Starting the Temporal dev server (data: ${dbFilename}) …`);
  const server = await startDevServer({
    ip: config.PR_HOST,
    port: config.PR_TEMPORAL_PORT,
    uiPort: config.PR_UI_PORT,
    uiCodecEndpoint: codec.url,
    namespace: config.PR_NAMESPACE,
    dbFilename,
    logLevel: config.LOG_LEVEL === 'debug' ? 'info' : 'warn',
    progress: (line) => console.log(line),
  });

  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await createProgrammeWorker({
    connection,
    namespace: config.PR_NAMESPACE,
    dataConverter: dataConverterFromEnv({ ...process.env, PR_DATA_DIR: dataDir }, config.PR_NAMESPACE),
    activities: createActivities(peers.deps),
  });
  const running = worker.run();
  const reportScheduleWords = await registerReportSchedule(connection, config.PR_NAMESPACE, reportSchedule);
  const gateway = await startDevGateway({
    host: config.PR_HOST,
    port: devGatewayPort(peersConfig.PR_GATEWAY_URL),
    temporalAddress: server.address,
    namespace: config.PR_NAMESPACE,
    partners: peers.deps.partners.partners,
    audit,
    env: process.env,
  });

  const desk = await startDevDesk({
    host: config.PR_HOST,
    webPort: config.PR_WEB_PORT,
    idpPort: config.PR_IDP_PORT,
    dataDir,
    temporalAddress: server.address,
    namespace: config.PR_NAMESPACE,
    staffDirectory: peersConfig.PR_STAFF_DIRECTORY,
    env: process.env,
    otherAudiences: [DEV_CODEC_AUDIENCE],
  });

  const host = config.PR_HOST === '127.0.0.1' || config.PR_HOST === '0.0.0.0' ? 'localhost' : config.PR_HOST;
  console.log(
    [
      '',
      'prepared-return is running:',
      `  Temporal server   ${server.address}   (namespace ${config.PR_NAMESPACE})`,
      `  Temporal Web UI   http://${host}:${config.PR_UI_PORT}`,
      `  Worker            task queue prepared-return`,
      `  Mail sink         smtp://${host}:${peers.smtp.port}   (messages in ${peers.mailFolder})`,
      `  Partner simulator http://${host}:${peers.simulator.port}   (${peersConfig.PR_PARTNER_SIM_MODE} mode${peersConfig.PR_PARTNER_SIM_MODE === 'demo' ? `, events to ${peersConfig.PR_GATEWAY_URL}/v1/events` : ''})`,
      `  Partner gateway   ${gateway.url}/v1/events   (${gateway.clients} clients; OpenAPI at ${gateway.url}/v1/openapi.json)`,
      `  Codec endpoint    ${codec.url}   (supervisors decode in the Web UI with a token: docs/supervisors.md; yours is in ${codecFiles.tokenFile})`,
      `  Database          ${database.words}   (evaluation ledger and audit log)`,
      `  Caseworker desk   ${desk.url}   (sign in at ${desk.issuer} as cw-demo, sup-demo, dpo-demo or analyst-demo; password: ${process.env.PR_IDP_PASSWORD ?? 'prepared-return'})`,
      `  Data              ${dataDir}`,
      `  Annual report     ${reportScheduleWords}   (prepared-return report schedule)`,
      '',
      'Open a programme from another terminal:',
      '  export PR_CASEWORKER_ID=cw-demo',
      '  npx prepared-return open CMM-2026-0001 --country RO --assessed-on today --consent participation,sharing,follow-up',
      '  npx prepared-return record-assessment CMM-2026-0001 --risk medium --needs housing,medical',
      '  npx prepared-return status CMM-2026-0001',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  // The SDK's runtime stops the worker on SIGINT/SIGTERM; when it has drained, stop the server too.
  try {
    await running;
  } finally {
    await desk.stop().catch(() => undefined);
    await gateway.stop().catch(() => undefined);
    await codec.app.close().catch(() => undefined);
    await connection.close().catch(() => undefined);
    await server.teardown().catch(() => undefined);
    await peers.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
    console.log('Stopped. Programmes are kept in', dbFilename);
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ValidationError || err instanceof PortTaken || err instanceof TemporalCliUnavailable || err instanceof ConfigFileError;
  console.error(known ? err.message : `The local stack stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
