/**
 * One run of the client: the global flags, the environment, where output goes, and a Temporal
 * connection made only when a command needs one (so `--help` and flag mistakes never wait on it).
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { ClientConfig } from './config.js';
import { CliError, EXIT } from './errors.js';
import { styleFor, type Style } from './format/style.js';

export interface GlobalOptions {
  json?: boolean;
  debug?: boolean;
}

export class Session {
  readonly json: boolean;
  readonly debug: boolean;
  readonly style: Style;
  private configValue: ClientConfig | undefined;
  private clientValue: Promise<Client> | undefined;

  constructor(
    readonly env: Record<string, string | undefined>,
    options: GlobalOptions,
    private readonly stdout: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
  ) {
    this.json = options.json === true;
    this.debug = options.debug === true;
    this.style = styleFor(stdout, env);
  }

  static of(command: Command): Session {
    return new Session(process.env, command.optsWithGlobals<GlobalOptions>());
  }

  async config(): Promise<ClientConfig> {
    if (!this.configValue) {
      const { loadClientConfig } = await import('./config.js');
      this.configValue = loadClientConfig(this.env);
    }
    return this.configValue;
  }

  get taskQueue(): Promise<string> {
    return this.config().then((c) => c.TEMPORAL_TASK_QUEUE);
  }

  client(): Promise<Client> {
    this.clientValue ??= (async () => {
      const config = await this.config();
      const [{ connectClient }, { clientDataConverter }] = await Promise.all([import('./connection.js'), import('./dataConverter.js')]);
      const dataConverter = await clientDataConverter(this.env, config.temporal.namespace);
      return connectClient(config, dataConverter ? { dataConverter } : {});
    })();
    return this.clientValue;
  }

  /** Runs `work` with the ledger and audit database (DATABASE_URL, or the local stack's), closed afterwards. */
  async withStore<T>(work: (store: import('../store/store.js').Store) => Promise<T>): Promise<T> {
    const { openStore } = await import('../store/store.js');
    const store = openStore(this.env);
    try {
      return await work(store);
    } finally {
      await store.db.close();
    }
  }

  /** The caseworker speaking: `--caseworker`, else PR_CASEWORKER_ID; checked like every staff id. */
  async caseworker(flag: string | undefined): Promise<string> {
    const id = flag ?? this.env.PR_CASEWORKER_ID;
    if (!id) throw new CliError('--caseworker: expected your staff id, e.g. cw-anna (or set PR_CASEWORKER_ID)', EXIT.usage);
    const { StaffId } = await import('../domain/programme.js');
    if (!StaffId.safeParse(id).success) {
      const source = flag ? '--caseworker' : 'PR_CASEWORKER_ID';
      throw new CliError(`${source}: expected a staff id (lower-case letters, digits, . _ -), e.g. cw-anna`, EXIT.usage);
    }
    return id;
  }

  /** JSON for scripts, words for people. */
  print(json: unknown, human: () => string): void {
    this.stdout.write(`${this.json ? JSON.stringify(json, null, 2) : human()}\n`);
  }
}
