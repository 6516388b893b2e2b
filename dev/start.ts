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
 * Everything stops cleanly on Ctrl-C, and stops as well when `npm start` is killed; the Temporal server
 * never outlives the stack (dev/lifeline.mjs). Programmes live in the SQLite file and the ledger in
 * PostgreSQL, and all are there after a restart. The terminal shows the banner; everything else goes
 * to <data>/stack.log.
 */
import { resolve } from 'node:path';
import { loadLocalStackConfig } from '../domain/config.js';
import { ValidationError } from '../domain/validation.js';
import { loadReportSchedule } from '../domain/report/schedule.js';
import { createActivities } from '../activities/index.js';
import { ConfigFileError } from '../activities/configFile.js';
import { createProgrammeWorker } from '../worker/worker.js';
import { auditTrail } from '../store/auditTrail.js';
import { loadStoreConfig, localStackStoreFiles } from '../store/config.js';
import { openDatabase } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { dataConverterFromEnv } from '../codec/dataConverter.js';
import { openWorkerConnection } from '../temporal/connection.js';
import { localServerProfile } from '../temporal/profile.js';
import { ensureDevCodecFiles, importLeftoverCaseSecrets, startDevCodec } from './codec.js';
import { closeDataFolder } from './dataFolder.js';
import { startDevDatabase } from './database.js';
import { devGatewayPort, startDevGateway } from './gateway.js';
import { DEV_CODEC_AUDIENCE, startDevDesk } from './desk.js';
import { localIssuer } from './identityProvider.js';
import { AccessTokenVerifier } from '../identity/accessToken.js';
import { startDevPeers } from './peers.js';
import { registerReportSchedule } from './reportSchedule.js';
import { loadDevPeersConfig } from './peersConfig.js';
import { assertPortsFree, PortTaken } from './ports.js';
import { provisionTemporalCli, TemporalCliUnavailable } from './temporal-cli.js';
import { startDevServer } from './temporal-server.js';
import { claimDataFolder, StackAlreadyRunning, stopLeftoverPostgres, stopLeftoverServers } from './leftovers.js';
import { stopWithLauncher } from './launcher.js';
import { startOwnedDevServer, tieToStack } from './ownedServer.js';
import { installStackLogger, openStackLog } from './stackLog.js';
import { loadGatewaySecrets, saveGatewaySecrets } from './gatewaySecrets.js';
import { stackBanner } from './banner.js';

async function main(): Promise<void> {
  const config = loadLocalStackConfig(process.env);
  const peersConfig = loadDevPeersConfig(process.env);
  const reportSchedule = loadReportSchedule(process.env);
  const dataDir = resolve(config.PR_DATA_DIR);
  closeDataFolder(dataDir);
  const folder = claimDataFolder(dataDir);
  const log = openStackLog(dataDir, config.LOG_LEVEL === 'debug');
  installStackLogger(log, config.LOG_LEVEL === 'debug' ? 'DEBUG' : 'INFO');
  // Killing `npm start` (even with kill -9) does not end what npm started: stop as on Ctrl-C.
  stopWithLauncher();
  process.on('exit', (code) => log.line(`the stack's process exits (code ${code})`));

  // Development keys on first start, reused afterwards (loadCodecConfig finds them in the data folder).
  const codecFiles = ensureDevCodecFiles(dataDir, config.PR_NAMESPACE);
  const userEnv = new Set(Object.keys(process.env).filter((name) => process.env[name]));
  loadGatewaySecrets(dataDir, process.env);
  const dbFilename = resolve(dataDir, 'temporal.sqlite');
  await stopLeftoverServers(dbFilename, (line) => console.log(line));
  if (!process.env.DATABASE_URL) await stopLeftoverPostgres(localStackStoreFiles(dataDir).postgresDir, (line) => console.log(line));
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

  const database = await startDevDatabase({ dataDir, port: config.PR_POSTGRES_PORT, databaseUrl: process.env.DATABASE_URL || undefined, log: log.line });
  if (database.pid !== undefined) tieToStack(database.pid, 'SIGINT'); // PostgreSQL's fast shutdown
  const store = loadStoreConfig({ ...process.env, PR_DATA_DIR: dataDir });
  const db = openDatabase(store);
  await migrate(db);
  await importLeftoverCaseSecrets(codecFiles, { ...process.env, PR_DATA_DIR: dataDir }, db, log.line);
  const audit = auditTrail(db, store.pseudonymKey);

  const peers = await startDevPeers({
    config: peersConfig,
    host: config.PR_HOST,
    dataDir,
    env: process.env,
    store: { db, pseudonymKey: store.pseudonymKey },
    log: log.line,
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
    logger: { level: 'info', stream: log.stream },
  });

  // A first start on this machine may build the CLI with Go for minutes: that progress is shown.
  const cli = provisionTemporalCli({ progress: (line) => console.log(line) });
  const serverOptions = {
    ip: config.PR_HOST,
    port: config.PR_TEMPORAL_PORT,
    uiPort: config.PR_UI_PORT,
    uiCodecEndpoint: codec.url,
    namespace: config.PR_NAMESPACE,
    dbFilename,
    logLevel: config.LOG_LEVEL === 'debug' ? ('info' as const) : ('warn' as const),
  };
  const server =
    cli.type === 'existing-path'
      ? await startOwnedDevServer({ ...serverOptions, cli: cli.path, output: log.output })
      : // The SDK's download has no path to start through the lifeline; its server may outlive a kill -9.
        await startDevServer({ ...serverOptions, progress: log.line });

  // The stack's parts connect to the server it started, whatever profile the shell has for Temporal.
  const temporal = localServerProfile(server.address, config.PR_NAMESPACE);
  const connection = await openWorkerConnection(temporal);
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
    temporal,
    partners: peers.deps.partners.partners,
    audit,
    env: process.env,
  });
  const secretsFile = saveGatewaySecrets(dataDir, process.env, gateway.clients.map((c) => c.secretEnv), userEnv);

  // The local identity provider warns on the console that its store is in memory (as it should be
  // here): the warning belongs in the log, not under the banner.
  const consoleWarn = console.warn;
  console.warn = (...args: unknown[]) => log.line(args.map(String).join(' '));
  const desk = await startDevDesk({
    host: config.PR_HOST,
    webPort: config.PR_WEB_PORT,
    idpPort: config.PR_IDP_PORT,
    dataDir,
    temporal,
    staffDirectory: peersConfig.PR_STAFF_DIRECTORY,
    env: process.env,
    otherAudiences: [DEV_CODEC_AUDIENCE],
  });
  console.warn = consoleWarn;

  console.log(
    stackBanner({
      config,
      peersConfig,
      serverAddress: server.address,
      mail: { port: peers.smtp.port, folder: peers.mailFolder },
      simulatorPort: peers.simulator.port,
      gateway: { url: gateway.url, clients: gateway.clients, secretsFile, fromEnvironment: gateway.clients.filter((c) => userEnv.has(c.secretEnv)).map((c) => c.secretEnv) },
      codec: { url: codec.url, tokenFile: codecFiles.tokenFile, certFile: resolve(dataDir, 'codec-cert.pem') },
      database: database.words,
      desk: `${desk.url}   (sign in at ${desk.issuer} as cw-demo, sup-demo, dpo-demo or analyst-demo; password: ${process.env.PR_IDP_PASSWORD ?? 'prepared-return'})`,
      dataDir,
      staffDirectory: peersConfig.PR_STAFF_DIRECTORY,
      logFile: log.path,
      reportSchedule: reportScheduleWords,
    }),
  );

  // The SDK's runtime stops the worker on SIGINT/SIGTERM; when it has drained, stop the server too.
  try {
    await running;
  } finally {
    // Ctrl-C reaches the whole process group, the embedded PostgreSQL included: a part whose peer has
    // already gone may never settle, and must not keep the parts after it from stopping.
    const parts: Array<[string, () => Promise<unknown>]> = [
      ["caseworkers' web app", () => desk.stop()],
      ['partner gateway', () => gateway.stop()],
      ['codec endpoint', () => codec.app.close()],
      ['worker connection', () => connection.close()],
      ['Temporal server', () => server.teardown()],
      ['mail sink and partner simulator', () => peers.stop()],
      ['database connections', () => db.close()],
      ['database', () => database.stop()],
    ];
    for (const [what, stop] of parts) {
      log.line(`stopping the ${what}`);
      await within(10_000, stop);
    }
    folder.release();
    log.line('stopped');
    log.close();
    console.log('Stopped. Programmes are kept in', dbFilename);
  }
}

/** Runs `stop`, giving up on it after `ms`; its failure is not the stack's. */
async function within(ms: number, stop: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([stop().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

main().catch((err: unknown) => {
  const known = err instanceof ValidationError || err instanceof PortTaken || err instanceof StackAlreadyRunning || err instanceof TemporalCliUnavailable || err instanceof ConfigFileError;
  console.error(known ? err.message : `The local stack stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
