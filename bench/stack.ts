/**
 * Everything the benchmark measures against, started for the run and stopped at the end:
 *
 *   Temporal dev server   SQLite file in WAL mode (synchronous off), headless, warn logs, free ports
 *   worker process        bench/worker.ts: the production programme worker + the baseline worker
 *   SMTP sink             in this process, keeps nothing on disk
 *   partner               in this process, the partner simulator: its API (signed requests in) and its system (signed events out)
 *   partner gateway       in this process: the production gateway, events in, signals out
 *
 * Payload keys and case secrets are generated for the run, as the tests do: nothing is committed.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import { dataConverterFromEnv } from '../codec/dataConverter.js';
import { generateKeyRingFile } from '../codec/keyRing.js';
import { PartnerSimulator } from '../dev/partnerSimulator.js';
import { generateWebhookSecret } from '../dev/peers.js';
import { freePort } from '../dev/ports.js';
import { createScratchDatabase, type ScratchDatabase } from '../dev/scratchDatabase.js';
import { SmtpSink } from '../dev/smtpSink.js';
import { stopInTurn } from '../dev/stopInTurn.js';
import { startDevServer } from '../dev/temporal-server.js';
import { provisionTemporalCli } from '../dev/temporal-cli.js';
import { gatewayClientsFrom } from '../gateway/clients.js';
import { TemporalProgrammes } from '../gateway/programmes.js';
import { buildGateway } from '../gateway/server.js';
import { auditTrail } from '../store/auditTrail.js';
import { openDatabase, type Database } from '../store/database.js';
import { writeWorkflowBundle } from '../worker/bundle.js';
import { findProcess } from './cpu.js';
import { WorkerProcess } from './workerProcess.js';
import type { WorkerSettings } from './workerProtocol.js';

export const PARTNER_ID = 'bench-partner';
export const CASEWORKER_ID = 'cw-bench';
export const NAMESPACE = 'default';
export const QUEUES = { programmes: 'bench-programmes', baselines: 'bench-baselines' } as const;

const BASELINE_WORKFLOWS = fileURLToPath(new URL('./workflows/baseline.ts', import.meta.url));
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

export interface Bundles {
  /** The production bundle, as `npm run build:bundle` writes it. */
  programme: string;
  baseline: string;
}

export class Stack {
  readonly dir = mkdtempSync(join(tmpdir(), 'prepared-return-bench-'));
  readonly smtp = new SmtpSink({ host: '127.0.0.1', port: 0, keepInMemory: 100 });
  readonly partner: PartnerSimulator;
  /** The payload keys: what every process that reads programme data is given. */
  readonly codecEnv: Record<string, string>;
  dataConverter!: DataConverter;
  server!: TestWorkflowEnvironment;
  connection!: Connection;
  /** Reads and writes programmes with the production data converter. */
  programmes!: Client;
  /** Temporal's default converter: the floor. */
  baselines!: Client;
  worker!: WorkerProcess;
  temporalCli!: string;
  readonly bundles: Bundles;
  private gateway: FastifyInstance | undefined;
  /** The run's own database on the machine's PostgreSQL (ledger and audit log), dropped at the end. */
  private database: ScratchDatabase | undefined;
  private gatewayDb: Database | undefined;
  private readonly pseudonymKey = randomBytes(32).toString('base64');
  private gatewayPort = 0;
  private readonly partnerApiSecret = generateWebhookSecret();
  private readonly partnerEventSecret = generateWebhookSecret();
  private workerStarts = 0;
  private serverPid: number | undefined;

  constructor(
    readonly logDir: string,
    private readonly maxCachedWorkflows: number,
    /** The programme worker's cache for throughput and latency (the memory measurement always uses maxCachedWorkflows). */
    readonly measuredCache = maxCachedWorkflows,
  ) {
    this.bundles = { programme: join(this.dir, 'workflow-bundle.js'), baseline: join(this.dir, 'baseline-bundle.js') };
    const keysFile = join(this.dir, 'codec-keys.json');
    writeFileSync(keysFile, JSON.stringify(generateKeyRingFile('bench')), { mode: 0o600 });
    this.codecEnv = { PR_CODEC_KEYS_FILE: keysFile };
    this.partner = new PartnerSimulator({
      partners: [{ id: PARTNER_ID, secret: this.partnerApiSecret, eventSecret: this.partnerEventSecret }],
      gatewayUrl: () => `http://127.0.0.1:${this.gatewayPort}`,
    });
  }

  get address(): string {
    return this.server.address;
  }

  async start(): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    await writeWorkflowBundle(this.bundles.programme);
    const baseline = await bundleWorkflowCode({ workflowsPath: BASELINE_WORKFLOWS, logger: quiet });
    writeFileSync(this.bundles.baseline, baseline.code);
    const cli = provisionTemporalCli({ allowDownload: false });
    if (cli.type !== 'existing-path') throw new Error('the Temporal CLI is not available');
    this.temporalCli = cli.path;
    this.server = await startDevServer({
      port: await freePort(),
      dbFilename: join(this.dir, 'temporal.sqlite'),
      logLevel: 'warn',
      extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF'],
      allowDownload: false,
    });
    this.serverPid = findProcess(['start-dev', join(this.dir, 'temporal.sqlite')]);
    this.connection = await Connection.connect({ address: this.server.address });
    this.database = await createScratchDatabase('pr_bench');
    this.dataConverter = dataConverterFromEnv({ ...this.codecEnv, ...this.storeEnv() }, NAMESPACE);
    this.programmes = new Client({ connection: this.connection, namespace: NAMESPACE, dataConverter: this.dataConverter });
    this.baselines = new Client({ connection: this.connection, namespace: NAMESPACE });

    await this.smtp.start();
    await this.partner.start();
    this.writeDirectories();
    await this.startGateway();
    await this.startWorker(this.measuredCache);
  }

  /** The run's processes whose CPU time is counted: the server, the worker, and this one (client, gateway, partner, mail). */
  processes(): Record<string, number | undefined> {
    return { server: this.serverPid, worker: this.worker.pid, driver: process.pid };
  }

  /** The environment of a production worker process pointed at this stack (`npm run worker`). */
  workerEnv(taskQueue: string): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: this.server.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_TASK_QUEUE: taskQueue,
      SMTP_URL: `smtp://127.0.0.1:${this.smtp.port}`,
      SMTP_TLS: 'none',
      MAIL_FROM: 'Prepared return (benchmark) <prepared-return@bench.test>',
      STAFF_DIRECTORY: join(this.dir, 'staff.yaml'),
      PARTNER_DIRECTORY: join(this.dir, 'partners.yaml'),
      BENCH_PARTNER_API_SECRET: this.partnerApiSecret,
      ...this.storeEnv(),
      ...this.codecEnv,
    };
  }

  /** The client's environment, as a caseworker's shell would have it. */
  clientEnv(): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      TEMPORAL_ADDRESS: this.server.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      PR_CASEWORKER_ID: CASEWORKER_ID,
      NO_COLOR: '1',
      ...this.storeEnv(),
      ...this.codecEnv,
    };
  }

  private storeEnv(): Record<string, string> {
    return { DATABASE_URL: this.database!.url, PR_PSEUDONYM_KEY: this.pseudonymKey };
  }

  /** How many programmes the running worker keeps in its cache. */
  programmeCache = 0;

  /**
   * A fresh worker process (the old one, if any, is stopped first): an empty workflow cache, holding
   * up to `programmeCache` programmes (maxCachedWorkflows unless said otherwise).
   */
  async startWorker(programmeCache = this.maxCachedWorkflows): Promise<void> {
    await this.worker?.stop();
    this.workerStarts += 1;
    const settings: WorkerSettings = {
      programmeBundle: this.bundles.programme,
      baselineBundle: this.bundles.baseline,
      programmeQueue: QUEUES.programmes,
      baselineQueue: QUEUES.baselines,
      maxCachedWorkflows: this.maxCachedWorkflows,
      programmeCache,
    };
    this.programmeCache = programmeCache;
    this.worker = new WorkerProcess(settings, this.workerEnv(QUEUES.programmes), join(this.logDir, `worker-${this.workerStarts}.log`));
    await this.worker.start();
  }

  private writeDirectories(): void {
    writeFileSync(
      join(this.dir, 'partners.yaml'),
      stringify({
        partners: [
          {
            id: PARTNER_ID,
            name: 'Benchmark Partner',
            countries: ['RO'],
            language: 'en',
            capabilities: ['reception', 'reintegration', 'follow-up'],
            channel: { type: 'api', baseUrl: this.partner.baseUrl(PARTNER_ID), secretEnv: 'BENCH_PARTNER_API_SECRET' },
          },
        ],
      }),
    );
    writeFileSync(
      join(this.dir, 'staff.yaml'),
      stringify({
        language: 'en',
        caseworkers: { [CASEWORKER_ID]: { email: 'caseworker@bench.test' } },
        supervisors: { emails: ['supervisor@bench.test'] },
        authority: { emails: ['return-agency@bench.test'] },
      }),
    );
  }

  /** The production gateway with the partner as its one client; the rate limit is out of the way. */
  private async startGateway(): Promise<void> {
    const clients = gatewayClientsFrom(
      { clients: [{ id: PARTNER_ID, role: 'partner', secretEnv: ['BENCH_GATEWAY_SECRET'] }] },
      { BENCH_GATEWAY_SECRET: this.partnerEventSecret },
      'The benchmark gateway clients',
    );
    this.gatewayDb = openDatabase({ url: this.database!.url, poolMax: 5 });
    this.gateway = buildGateway({
      clients,
      programmes: new TemporalProgrammes(this.programmes),
      audit: auditTrail(this.gatewayDb, this.pseudonymKey),
      rateLimit: { perMinute: 1_000_000, burst: 100_000 },
      sourceRateLimit: { perMinute: 1_000_000, burst: 100_000 },
    });
    this.gatewayPort = await freePort();
    await this.gateway.listen({ host: '127.0.0.1', port: this.gatewayPort });
  }

  async stop(): Promise<void> {
    await stopInTurn([
      () => this.worker?.stop(),
      () => this.gateway?.close(),
      () => this.gatewayDb?.close(),
      () => this.database?.drop(),
      () => this.partner.stop(),
      () => this.smtp.stop(),
      () => this.connection?.close(),
      () => this.server?.teardown(),
    ]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
