/**
 * Everything a scenario runs against, as separate processes on loopback the way an operator runs
 * them: the Temporal dev server on a SQLite file, worker processes (`worker/main.ts`), the partner
 * gateway (`gateway/main.ts`), an SMTP sink, the partners' API (the partner simulator), and a
 * database of the scenario's own on the machine's PostgreSQL (the ledger and the audit log), reached
 * through a TCP proxy a scenario can cut. Configuration reaches the processes as files and
 * environment variables only, as in a deployment.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { stringify } from 'yaml';
import { PartnerSimulator } from '../../../dev/partnerSimulator.js';
import { generateWebhookSecret } from '../../../dev/peers.js';
import { freePort } from '../../../dev/ports.js';
import { createScratchDatabase, machinePostgres, type ScratchDatabase } from '../../../dev/scratchDatabase.js';
import { openDatabase, type Database } from '../../../store/database.js';
import { SmtpSink } from '../../../dev/smtpSink.js';
import { stopInTurn } from '../../../dev/stopInTurn.js';
import { TcpProxy } from '../../../gateway/tcpProxy.js';
import { MESSAGE_TYPES } from '../../../activities/partnerApi.js';
import type { PartnerMessage } from '../../../domain/notifications.js';
import { Child, stopAllChildren } from '../../../dev/childProcess.js';
import type { TemporalCaller } from '../../../dev/temporal-certificates.js';
import { clientConnectionOptions } from '../../../temporal/connection.js';
import { loadTemporalProfile } from '../../../temporal/profile.js';
import { payloadKeys, type PayloadKeys } from './payloadKeys.js';
import { TemporalServer } from './temporalServer.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The workflow bundle the suite's global setup builds for every worker process. */
export const WORKFLOW_BUNDLE = join(ROOT, 'test-results', 'reliability', 'workflow-bundle.js');
const LOGS = join(ROOT, 'test-results', 'reliability', 'logs');

/** The fictional organisations of the suite: one reached by API (RO), one by e-mail (MD). */
export const PARTNERS = { api: 'rel-api-partner', mail: 'rel-mail-partner' } as const;
export const COUNTRY_OF = { [PARTNERS.api]: 'RO', [PARTNERS.mail]: 'MD' } as const;
export const RETURN_AGENCY = 'ra-system';

/** The English subjects of the partner mails the scenarios wait for (activities/templates/partner.ts). */
const MAIL_SUBJECTS: Partial<Record<PartnerMessage['kind'], (caseRef: string, checkpoint?: string) => string>> = {
  'referral-request': (caseRef) => `Referral request: case ${caseRef}`,
  'arrival-notice': (caseRef) => `Arrival notice: case ${caseRef}`,
  'follow-up-request': (caseRef, checkpoint) => `Follow-up report requested (${checkpoint}): case ${caseRef}`,
};

/** The Temporal server a stack runs on: the dev server here, the production server in the cluster suite. */
export interface StackServer {
  readonly address: string;
  readonly process: Child | undefined;
  /** The connection profile `caller` reaches it with, as the variables our processes read (temporal/profile.ts). */
  profileEnv(caller: TemporalCaller): Record<string, string>;
  start(): Promise<void>;
  stop(signal: NodeJS.Signals): Promise<void>;
}

export interface StackOptions {
  /** The namespace the programmes live in (the dev server's `default` unless told). */
  namespace?: string;
  /** Creates (but does not start) the stack's Temporal server; the dev server on a SQLite file by default. */
  server?: (stack: Stack) => Promise<StackServer>;
}

export class Stack {
  readonly dir: string;
  readonly smtp: SmtpSink;
  /** The API partner's API: the worker processes sign their messages with `partnerApiSecret`. */
  readonly partners: PartnerSimulator;
  readonly namespace: string;
  server!: StackServer;
  client!: Client;
  private connection: Connection | undefined;
  readonly gatewaySecrets: Record<string, string> = { [PARTNERS.api]: generateWebhookSecret(), [PARTNERS.mail]: generateWebhookSecret(), [RETURN_AGENCY]: generateWebhookSecret() };
  private readonly partnerApiSecret = generateWebhookSecret();
  private keys!: PayloadKeys;
  /** Processes started so far of each part (`worker`, `gateway`), for their names. */
  private readonly started = new Map<string, number>();
  gatewayPort = 0;
  /** The scenario's ledger and audit log; the processes reach it through `postgres` only. */
  database!: ScratchDatabase;
  postgres!: TcpProxy;
  /** The test's own connection, straight to the server (not through the proxy). */
  db!: Database;
  readonly pseudonymKey = randomBytes(32).toString('base64');

  constructor(
    readonly scenario: string,
    private readonly options: StackOptions = {},
  ) {
    this.namespace = options.namespace ?? 'default';
    this.dir = mkdtempSync(join(tmpdir(), `prepared-return-reliability-${scenario}-`));
    this.smtp = new SmtpSink({ host: '127.0.0.1', port: 0 });
    this.partners = new PartnerSimulator({ partners: [{ id: PARTNERS.api, secret: this.partnerApiSecret }] });
  }

  get logDir(): string {
    return join(LOGS, this.scenario);
  }

  async start(): Promise<void> {
    rmSync(this.logDir, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
    await this.smtp.start();
    await this.partners.start();
    this.database = await createScratchDatabase('pr_reliability');
    const machine = new URL(machinePostgres());
    this.postgres = new TcpProxy({ host: '127.0.0.1', port: 0, targets: [{ host: machine.hostname, port: Number(machine.port || 5432) }] });
    await this.postgres.start();
    this.db = openDatabase({ url: this.database.url, poolMax: 2 });
    this.gatewayPort = await freePort();
    this.writeConfigFiles();
    this.keys = await payloadKeys(this.dir, this.namespace, { DATABASE_URL: this.database.url, PR_PSEUDONYM_KEY: this.pseudonymKey });
    this.server = await (this.options.server ?? devServer)(this);
    await this.server.start();
    this.connection = Connection.lazy(clientConnectionOptions(loadTemporalProfile({ TEMPORAL_NAMESPACE: this.namespace, ...this.server.profileEnv('app') })));
    this.client = new Client({ connection: this.connection, namespace: this.namespace, ...(this.keys.dataConverter ? { dataConverter: this.keys.dataConverter } : {}) });
  }

  private writeConfigFiles(): void {
    writeFileSync(
      join(this.dir, 'partners.yaml'),
      stringify({
        partners: [
          {
            id: PARTNERS.api,
            name: 'Reliability API Partner',
            countries: [COUNTRY_OF[PARTNERS.api]],
            language: 'en',
            capabilities: ['reception', 'reintegration', 'follow-up'],
            channel: { type: 'api', baseUrl: this.partners.baseUrl(PARTNERS.api), secretEnv: 'REL_PARTNER_API_SECRET' },
          },
          {
            id: PARTNERS.mail,
            name: 'Reliability Mail Partner',
            countries: [COUNTRY_OF[PARTNERS.mail]],
            language: 'en',
            capabilities: ['reception', 'reintegration', 'follow-up'],
            channel: { type: 'email', address: 'intake@mail-partner.test' },
          },
        ],
      }),
    );
    writeFileSync(
      join(this.dir, 'staff.yaml'),
      stringify({
        language: 'en',
        caseworkers: { 'cw-test': { email: 'caseworker@staff.test' } },
        supervisors: { emails: ['supervisor@staff.test'] },
        authority: { emails: ['return-agency@staff.test'] },
      }),
    );
    writeFileSync(
      join(this.dir, 'gateway-clients.yaml'),
      stringify({
        clients: [
          { id: PARTNERS.api, role: 'partner', secretEnv: ['REL_GATEWAY_SECRET_API'] },
          { id: PARTNERS.mail, role: 'partner', secretEnv: ['REL_GATEWAY_SECRET_MAIL'] },
          { id: RETURN_AGENCY, role: 'return-agency', secretEnv: ['REL_GATEWAY_SECRET_AGENCY'] },
        ],
      }),
    );
  }

  /** What every process of the stack shares: where Temporal is (and how `caller` proves who it is), and the payload keys. */
  private commonEnv(taskQueue: string, caller: TemporalCaller): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      TEMPORAL_NAMESPACE: this.namespace,
      ...this.server.profileEnv(caller),
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: this.databaseUrlThroughProxy(),
      PR_PSEUDONYM_KEY: this.pseudonymKey,
      DATABASE_POOL_MAX: '2',
      ...this.keys.env,
      ...this.extraEnv(),
    };
  }

  private databaseUrlThroughProxy(): string {
    const url = new URL(this.database.url);
    url.hostname = '127.0.0.1';
    url.port = String(this.postgres.port);
    return url.toString();
  }

  /**
   * Whether a partner really has a message of this kind about the case: its API took the request,
   * or the mail arrived. A partner acts on what it received, never on what a status answer shows
   * (a status query may run ahead of what the programme has committed: docs/design.md).
   */
  delivered(caseRef: string, partnerId: string, kind: PartnerMessage['kind'], checkpoint?: string): boolean {
    if (partnerId === PARTNERS.api) return this.partners.accepted({ caseRef, type: MESSAGE_TYPES[kind], checkpoint }).length > 0;
    const subject = MAIL_SUBJECTS[kind]?.(caseRef, checkpoint);
    if (!subject) throw new Error(`no mail subject known for ${kind}`);
    return this.smtp.messages().some((m) => m.raw.split(/\r?\n/).includes(`Subject: ${subject}`));
  }

  /** Starts `npm run worker`'s entry point as its own process; resolves when it polls. */
  startWorker(taskQueue: string, env: Record<string, string> = {}): Promise<Child> {
    return this.startPart(
      'worker',
      {
        ...this.commonEnv(taskQueue, 'worker'),
        PR_WORKFLOW_BUNDLE: WORKFLOW_BUNDLE,
        SMTP_URL: `smtp://127.0.0.1:${this.smtp.port}`,
        SMTP_TLS: 'none',
        // Short network timeouts: an outage turns into quick, retried failures.
        SMTP_CONNECTION_TIMEOUT_MS: '2000',
        SMTP_GREETING_TIMEOUT_MS: '2000',
        SMTP_SOCKET_TIMEOUT_MS: '3000',
        PARTNER_API_TIMEOUT_MS: '2000',
        MAIL_FROM: 'Prepared return (reliability) <prepared-return@programme.test>',
        STAFF_DIRECTORY: join(this.dir, 'staff.yaml'),
        PARTNER_DIRECTORY: join(this.dir, 'partners.yaml'),
        REL_PARTNER_API_SECRET: this.partnerApiSecret,
        ...env,
      },
      { output: 'worker polling task queue', timeoutMs: 90_000 },
    );
  }

  /** Starts `npm run gateway`'s entry point on the stack's gateway port (or `port`); resolves when it listens. */
  startGateway(port = this.gatewayPort, env: Record<string, string> = {}): Promise<Child> {
    return this.startPart(
      'gateway',
      {
        ...this.commonEnv('unused', 'gateway'),
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(port),
        GATEWAY_CLIENTS: join(this.dir, 'gateway-clients.yaml'),
        GATEWAY_RATE_LIMIT_PER_MINUTE: '100000',
        GATEWAY_RATE_LIMIT_BURST: '10000',
        // Every partner system of the scenario sends from loopback, through one address.
        GATEWAY_SOURCE_RATE_LIMIT_PER_MINUTE: '1000000',
        GATEWAY_SOURCE_RATE_LIMIT_BURST: '100000',
        GATEWAY_RETRY_AFTER_SECONDS: '1',
        REL_GATEWAY_SECRET_API: this.gatewaySecrets[PARTNERS.api]!,
        REL_GATEWAY_SECRET_MAIL: this.gatewaySecrets[PARTNERS.mail]!,
        REL_GATEWAY_SECRET_AGENCY: this.gatewaySecrets[RETURN_AGENCY]!,
        ...env,
      },
      { output: 'partner gateway on', timeoutMs: 60_000 },
    );
  }

  /** Starts `<part>/main.ts` as its own process, as `npm run <part>` does; resolves once it says it is ready. */
  private async startPart(part: 'worker' | 'gateway', env: Record<string, string>, ready: { output: string; timeoutMs: number }): Promise<Child> {
    const count = (this.started.get(part) ?? 0) + 1;
    this.started.set(part, count);
    const child = new Child({ name: `${part}-${count}`, command: process.execPath, args: ['--import', 'tsx', join(ROOT, part, 'main.ts')], cwd: ROOT, logDir: this.logDir, env });
    await child.waitForOutput(ready.output, ready.timeoutMs);
    return child;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.gatewayPort}`;
  }

  /** Extra variables for every worker and gateway process (a scenario's own settings). */
  protected extraEnv(): Record<string, string> {
    return {};
  }

  /** Ends every process and peer, whatever state the scenario left them in. */
  async stop(): Promise<void> {
    await stopInTurn([
      () => stopAllChildren(),
      () => this.connection?.close(),
      () => this.db?.close(),
      () => this.postgres?.stop(),
      () => this.database?.drop(),
      () => this.partners.stop(),
      () => this.smtp.stop(),
    ]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The dev server on a SQLite file in the stack's folder, on free ports. */
async function devServer(stack: Stack): Promise<StackServer> {
  return new TemporalServer({
    port: await freePort(),
    httpPort: await freePort(),
    metricsPort: await freePort(),
    dbFile: join(stack.dir, 'temporal.sqlite'),
    cwd: ROOT,
    logDir: stack.logDir,
  });
}
