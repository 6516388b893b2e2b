/**
 * `npm run start:cluster`: the production topology on this machine, each part its own process the
 * way a deployment runs them, on the machine's PostgreSQL:
 *
 *   Temporal server (go.temporal.io/server 1.29.1: frontend, history, matching, worker) on PostgreSQL
 *   Temporal Web UI server (ui-server 2.55.0), decoding through the codec endpoint
 *   2 worker processes on one task queue
 *   2 partner gateway processes behind one address (a round-robin TCP proxy, gateway/tcpProxy.ts)
 *   codec endpoint (HTTPS, self-signed certificate for localhost)
 *   caseworkers' web app with its local OpenID provider (in this process, as `npm start` runs it)
 *   SMTP sink and partner simulator (the outside world, in this process)
 *
 * Everything listens on loopback. The Temporal frontend requires mutual TLS and a JWT, as in the
 * cluster tests: each process connects with the connection profile the server gives its caller
 * (`profileEnv`: its client certificate and a token with its permissions), and the Web UI server
 * shows its own certificate and passes on the signed-in supervisor's token, which the frontend
 * trusts through the identity provider's keys. The databases, keys, certificates and logs are kept in the data
 * folder and the PostgreSQL databases named below, so a restart finds every programme again.
 * Ctrl-C stops it all.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { z } from 'zod';
import { ConfigFileError } from '../activities/configFile.js';
import { definedEnv } from '../domain/config.js';
import { parseOrThrow, ValidationError } from '../domain/validation.js';
import { localStackStoreFiles } from '../store/config.js';
import { openDatabase } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { startDevDatabase } from './database.js';
import { Child, stopAllChildren } from './childProcess.js';
import { DEV_RETURN_AGENCY } from './gateway.js';
import { DEV_CODEC_AUDIENCE, startDevDesk } from './desk.js';
import { localIssuer } from './identityProvider.js';
import { ensureDevCertificate, ensureDevCodecFiles } from './codec.js';
import { generateWebhookSecret, startDevPeers } from './peers.js';
import { loadDevPeersConfig } from './peersConfig.js';
import { assertPortsFree, freePort, PortTaken } from './ports.js';
import { TcpProxy } from '../gateway/tcpProxy.js';
import { migrateTemporalDatabases, SchemaToolFailed } from './temporal-databases.js';
import { ProductionTemporalServer, serviceClients, staffPermissions, startServerSecurity } from './temporal-production-server.js';
import { provisionTemporalProduction, TemporalServerUnavailable } from './temporal-production.js';
import { startTemporalUi, TEMPORAL_UI_STARTED } from './temporalUi.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const port = z.coerce.number({ error: 'expected a port number' }).int().min(1, 'expected a port from 1 to 65535').max(65535, 'expected a port from 1 to 65535');

export const ClusterEnv = z.object({
  PR_CLUSTER_DATA_DIR: z.string().min(1, 'expected a folder path').default('.data/cluster'),
  /** A database on the PostgreSQL server the cluster uses (for creating its databases), e.g. postgres. */
  PR_CLUSTER_POSTGRES_URL: z
    .string()
    .refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), 'expected postgresql://user[:password]@host:port')
    .default('postgresql://postgres@127.0.0.1:5432/postgres'),
  /** The first of the Temporal server's ports: frontend; +1 history, +2 matching, +6 worker, +10 HTTP. Membership ports are 6933 and up. */
  PR_TEMPORAL_PORT: port.default(7233),
  PR_UI_PORT: port.default(8080),
  PR_CODEC_PORT: port.default(8091),
  PR_METRICS_PORT: port.default(9090),
  PR_WEB_PORT: port.default(8095),
  PR_IDP_PORT: port.default(8096),
  PR_NAMESPACE: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'expected a namespace name such as prepared-return').default('prepared-return'),
});

async function main(): Promise<void> {
  const config = parseOrThrow(ClusterEnv, definedEnv(process.env), 'The environment');
  const peersConfig = loadDevPeersConfig(process.env);
  const dataDir = resolve(config.PR_CLUSTER_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logDir = join(dataDir, 'logs');
  const gatewayPort = Number(new URL(peersConfig.PR_GATEWAY_URL).port || 80);
  const t = config.PR_TEMPORAL_PORT;
  const ports = {
    frontend: t,
    history: t + 1,
    matching: t + 2,
    worker: t + 6,
    frontendHttp: t + 10,
    frontendMembership: 6933,
    historyMembership: 6934,
    matchingMembership: 6935,
    workerMembership: 6939,
    metrics: config.PR_METRICS_PORT,
  };
  await assertPortsFree([
    ...Object.entries(ports).map(([what, p]) => ({ port: p, host: '127.0.0.1', variable: what === 'metrics' ? 'PR_METRICS_PORT' : 'PR_TEMPORAL_PORT', what: `Temporal server (${what})` })),
    { port: config.PR_UI_PORT, host: '127.0.0.1', variable: 'PR_UI_PORT', what: 'Temporal Web UI' },
    { port: config.PR_CODEC_PORT, host: '127.0.0.1', variable: 'PR_CODEC_PORT', what: 'codec endpoint' },
    { port: config.PR_WEB_PORT, host: '127.0.0.1', variable: 'PR_WEB_PORT', what: 'caseworker desk' },
    { port: config.PR_IDP_PORT, host: '127.0.0.1', variable: 'PR_IDP_PORT', what: 'local identity provider' },
    { port: gatewayPort, host: '127.0.0.1', variable: 'PR_GATEWAY_URL', what: 'partner gateway' },
    { port: peersConfig.PR_SMTP_PORT, host: '127.0.0.1', variable: 'PR_SMTP_PORT', what: 'local mail sink' },
    { port: peersConfig.PR_PARTNER_SIM_PORT, host: '127.0.0.1', variable: 'PR_PARTNER_SIM_PORT', what: 'partner simulator' },
  ]);

  console.log('Finding or building the Temporal server, its schema tool and the Web UI server …');
  const tools = provisionTemporalProduction({ progress: (line) => console.log(line) });
  const pgUrl = new URL(config.PR_CLUSTER_POSTGRES_URL);
  const postgres = { host: pgUrl.hostname, port: Number(pgUrl.port || 5432), user: decodeURIComponent(pgUrl.username || 'postgres'), ...(pgUrl.password ? { password: decodeURIComponent(pgUrl.password) } : {}) };
  const databases = { main: 'prepared_return_temporal', visibility: 'prepared_return_temporal_visibility' };
  console.log(`Migrating the Temporal databases ${databases.main} and ${databases.visibility} on ${postgres.host}:${postgres.port} …`);
  migrateTemporalDatabases(tools, postgres, databases);

  // Our own database (the audit log and the evaluation ledger) on the same PostgreSQL.
  const store = await ensureStoreDatabase(config.PR_CLUSTER_POSTGRES_URL, 'prepared_return', dataDir);

  // The frontend requires mutual TLS and a token. The certificates are made in the data folder. The
  // worker, the gateways and the app sign in at the identity provider for tokens of their own,
  // renewed as they run; the frontend trusts its keys for them and for the supervisor whose token
  // the Web UI passes on. Provisioning (this process) carries a token of the local issuer.
  const issuer = localIssuer('127.0.0.1', config.PR_IDP_PORT);
  const serviceTokens = { issuer, clients: serviceClients(config.PR_NAMESPACE) };
  const security = await startServerSecurity(join(dataDir, 'temporal-security'), { serviceTokens });
  const server = new ProductionTemporalServer({ tools, postgres, databases, ports, ip: '127.0.0.1', namespace: config.PR_NAMESPACE, retentionDays: 30, logDir, cwd: ROOT, security });

  // The outside world: the mail sink and the partners' systems. Secrets for the simulated partners
  // are generated for the run (or taken from the environment) and handed to every process below.
  const env: Record<string, string | undefined> = { ...process.env };
  // The peers' own activities (the partner simulator's view of the ledger) share the cluster's store.
  const storeDb = openDatabase({ url: store.url, poolMax: 2 });
  const peers = await startDevPeers({ config: peersConfig, host: '127.0.0.1', dataDir, env, store: { db: storeDb, pseudonymKey: store.pseudonymKey }, log: (line) => console.log(line) });
  env[DEV_RETURN_AGENCY.secretEnv] ??= generateWebhookSecret();
  const partnersFile = join(dataDir, 'partners.yaml');
  writeFileSync(partnersFile, stringify({ partners: peers.deps.partners.partners }), { mode: 0o600 });
  const clientsFile = join(dataDir, 'gateway-clients.yaml');
  const apiPartners = peers.deps.partners.partners.flatMap((p) => (p.channel.type === 'api' ? [{ id: p.id, role: 'partner', secretEnv: [p.channel.secretEnv] }] : []));
  writeFileSync(clientsFile, stringify({ clients: [...apiPartners, { id: DEV_RETURN_AGENCY.id, role: 'return-agency', secretEnv: [DEV_RETURN_AGENCY.secretEnv] }] }), { mode: 0o600 });
  const secrets = Object.fromEntries(
    [...peers.deps.partners.partners.flatMap((p) => (p.channel.type === 'api' ? [p.channel.secretEnv] : [])), DEV_RETURN_AGENCY.secretEnv].map((name) => [name, env[name]!]),
  );

  const codecFiles = ensureDevCodecFiles(dataDir, config.PR_NAMESPACE);
  ensureDevCertificate(dataDir);
  const uiOrigin = `http://localhost:${config.PR_UI_PORT}`;
  const desk = await startDevDesk({
    host: '127.0.0.1',
    webPort: config.PR_WEB_PORT,
    idpPort: config.PR_IDP_PORT,
    dataDir,
    // The frontend fetches the provider's keys as it starts: it starts once the provider serves them.
    temporal: async () => {
      await server.start();
      return server.profile('app');
    },
    temporalPermissions: staffPermissions(config.PR_NAMESPACE),
    services: Object.values(serviceTokens.clients),
    staffDirectory: peersConfig.PR_STAFF_DIRECTORY,
    // Supervisors sign in to the Web UI at the same provider; its access tokens decode at the codec endpoint.
    otherAudiences: [DEV_CODEC_AUDIENCE],
    temporalUiOrigin: uiOrigin,
    env: { ...process.env, PR_CODEC_KEYS_FILE: codecFiles.keysFile, DATABASE_URL: store.url, PR_PSEUDONYM_KEY: store.pseudonymKey },
  });

  const common = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    // The payloads' namespace for every process; where Temporal is and who a caller is come per caller below.
    TEMPORAL_NAMESPACE: config.PR_NAMESPACE,
    PR_CODEC_KEYS_FILE: codecFiles.keysFile,
    DATABASE_URL: store.url,
    DATABASE_POOL_MAX: '3',
    PR_PSEUDONYM_KEY: store.pseudonymKey,
  };
  const node = (name: string, entry: string, extra: Record<string, string>): Child =>
    new Child({ name, command: process.execPath, args: ['--import', 'tsx', join(ROOT, entry)], cwd: ROOT, logDir, env: { ...common, ...extra } });

  const codecUrl = `https://localhost:${config.PR_CODEC_PORT}`;
  const codec = node('codec', 'codec/main.ts', {
    PR_CODEC_HOST: '127.0.0.1',
    PR_CODEC_PORT: String(config.PR_CODEC_PORT),
    PR_CODEC_UI_ORIGINS: `${uiOrigin},http://127.0.0.1:${config.PR_UI_PORT}`,
    // The endpoint fetches the provider's keys when the first token arrives.
    PR_CODEC_OIDC_ISSUER: issuer,
    PR_CODEC_AUDIENCE: DEV_CODEC_AUDIENCE,
    PR_CODEC_SUPERVISORS_FILE: codecFiles.supervisorsFile,
    PR_CODEC_TLS_CERT: join(dataDir, 'codec-cert.pem'),
    PR_CODEC_TLS_KEY: join(dataDir, 'codec-key.pem'),
  });
  const workerEnv = {
    ...secrets,
    ...server.profileEnv('worker'),
    SMTP_URL: `smtp://127.0.0.1:${peers.smtp.port}`,
    SMTP_TLS: 'none',
    MAIL_FROM: 'Prepared return (local cluster) <prepared-return@prepared-return.test>',
    STAFF_DIRECTORY: resolve(peersConfig.PR_STAFF_DIRECTORY),
    PARTNER_DIRECTORY: partnersFile,
  };
  const workers = [node('worker-1', 'worker/main.ts', workerEnv), node('worker-2', 'worker/main.ts', workerEnv)];
  const gatewayPorts = [await freePort(), await freePort()];
  const gateways = gatewayPorts.map((p, i) =>
    node(`gateway-${i + 1}`, 'gateway/main.ts', { ...secrets, ...server.profileEnv('gateway'), GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(p), GATEWAY_CLIENTS: clientsFile }),
  );
  const gatewayProxy = new TcpProxy({ host: '127.0.0.1', port: gatewayPort, targets: gatewayPorts.map((p) => ({ host: '127.0.0.1', port: p })) });
  await gatewayProxy.start();
  const ui = startTemporalUi({
    uiServer: tools.uiServer,
    temporalAddress: server.address,
    host: '127.0.0.1',
    port: config.PR_UI_PORT,
    namespace: config.PR_NAMESPACE,
    origin: uiOrigin,
    codecEndpoint: codecUrl,
    logDir,
    tls: server.uiTls(),
    // The UI server reads the provider's discovery document at start: it starts after the provider.
    signIn: { providerUrl: desk.issuer, clientId: desk.temporalUiClient!.clientId, clientSecret: desk.temporalUiClient!.clientSecret, resource: DEV_CODEC_AUDIENCE },
  });

  await Promise.all([
    codec.waitForOutput('codec endpoint on', 60_000),
    ...workers.map((w) => w.waitForOutput('worker polling task queue', 120_000)),
    ...gateways.map((g) => g.waitForOutput('partner gateway on', 60_000)),
    ui.waitForOutput(TEMPORAL_UI_STARTED, 60_000),
  ]);

  const appUrl = desk.url;
  console.log(
    [
      '',
      'prepared-return cluster is running (every address on this machine only):',
      `  Temporal server   ${server.address}   (namespace ${config.PR_NAMESPACE}; mutual TLS and a token for every caller; PostgreSQL ${postgres.host}:${postgres.port}, databases ${databases.main}, ${databases.visibility})`,
      `  Server metrics    ${server.metricsUrl}`,
      `  Temporal Web UI   ${uiOrigin}   (read-only; supervisors sign in at ${desk.issuer} and read decoded payloads)`,
      `  Workers           2 processes on task queue prepared-return`,
      `  Partner gateway   http://localhost:${gatewayPort}/v1/events   (2 replicas on ports ${gatewayPorts.join(', ')}, round robin)`,
      `  Codec endpoint    ${codecUrl}   (supervisor token in ${codecFiles.tokenFile})`,
      `  Caseworker desk   ${desk.url}   (sign in at the local identity provider ${desk.issuer}; users from ${peersConfig.PR_STAFF_DIRECTORY})`,
      `  Mail sink         smtp://localhost:${peers.smtp.port}   (messages in ${peers.mailFolder})`,
      `  Partner simulator http://localhost:${peers.simulator.port}`,
      `  Logs              ${logDir}`,
      '',
      `Open a programme from another terminal, signed in as a caseworker of ${peersConfig.PR_STAFF_DIRECTORY} (the command line goes through the app):`,
      `  npx prepared-return login --app ${appUrl}`,
      '  npx prepared-return open CMM-2026-0001 --country RO --assessed-on today --consent participation,sharing,follow-up',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  // Handlers stay installed while stopping: with none left, the runner (tsx) would end the process
  // at once on the signal, before the processes below are stopped.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  console.log('Stopping …');
  await desk.stop();
  await Promise.all([...workers, ...gateways, codec, ui].map((c) => c.stop('SIGTERM', 15_000)));
  await gatewayProxy.stop();
  await server.stop('SIGTERM');
  await security.issuer.stop();
  await stopAllChildren();
  await peers.stop();
  await storeDb.close();
  console.log(`Stopped. Programmes are kept in the PostgreSQL databases ${databases.main} and ${databases.visibility}.`);
}

/**
 * `name` on the cluster's PostgreSQL, created when missing and migrated; its address and the
 * pseudonym key are left in the data folder, where the caseworker's client finds them.
 */
async function ensureStoreDatabase(serverUrl: string, name: string, dataDir: string): Promise<{ url: string; pseudonymKey: string }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await startDevDatabase({ dataDir, port: 0, databaseUrl: url.toString(), log: () => undefined });
  const files = localStackStoreFiles(dataDir);
  writeFileSync(files.urlFile, `${database.url}\n`, { mode: 0o600 });
  const db = openDatabase({ url: database.url, poolMax: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return { url: database.url, pseudonymKey: readFileSync(files.pseudonymKeyFile, 'utf8').trim() };
}

main().catch(async (err: unknown) => {
  await stopAllChildren();
  const known = [ValidationError, PortTaken, TemporalServerUnavailable, ConfigFileError, SchemaToolFailed].some((type) => err instanceof type);
  console.error(known && err instanceof Error ? err.message : `The local cluster stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
