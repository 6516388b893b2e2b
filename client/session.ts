/**
 * One run of the client: the global flags, the environment, where output goes, and the way in,
 * opened only when a command needs it (so `--help` and flag mistakes never wait on it).
 *
 * There are two ways in. A caseworker signs in (`prepared-return login`) and every command goes
 * through the app's API as her: her machine holds the app's address and her sign-in, nothing else.
 * Operators reach Temporal itself with its connection profile, the key ring and the case secrets;
 * that is `PR_ACCESS=operator`, and the way in when the command line is not signed in.
 */
import type { Client } from '@temporalio/client';
import type { AppClient } from './app/appClient.js';
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
  private appValue: Promise<AppClient | undefined> | undefined;

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

  /** Temporal itself: operator access only (through the app, a command never needs it). */
  client(): Promise<Client> {
    this.clientValue ??= (async () => {
      await this.operatorOnly('this command');
      const config = await this.config();
      const [{ connectClient }, { clientDataConverter }] = await Promise.all([import('./connection.js'), import('./dataConverter.js')]);
      const dataConverter = await clientDataConverter(this.env, config.temporal.namespace);
      return connectClient(config, dataConverter ? { dataConverter } : {});
    })();
    return this.clientValue;
  }

  /**
   * The app as the signed-in user, or undefined for operator access. `PR_ACCESS` says which
   * (`app` or `operator`); unset, a sign-in (or `PR_APP_URL`) means the app.
   */
  app(): Promise<AppClient | undefined> {
    this.appValue ??= (async () => {
      const access = this.env.PR_ACCESS;
      if (access !== undefined && access !== '' && access !== 'app' && access !== 'operator') {
        throw new CliError('PR_ACCESS: expected app (through the app, as the signed-in user) or operator (Temporal itself)', EXIT.usage);
      }
      if (access === 'operator') return undefined;
      const [{ freshLogin }, { loginFile, readLogin }, { AppClient }] = await Promise.all([
        import('./login/deviceLogin.js'),
        import('./login/tokenFile.js'),
        import('./app/appClient.js'),
      ]);
      const file = loginFile(this.env);
      const wanted = access === 'app' || Boolean(this.env.PR_APP_URL) || readLogin(file) !== undefined;
      if (!wanted) return undefined;
      // A sign-in the provider no longer honours (revoked, expired refresh) is "sign in again", not a crash.
      const login = await freshLogin(file).catch(() => undefined);
      if (!login) {
        const appUrl = this.env.PR_APP_URL ?? readLogin(file)?.appUrl ?? '<address of the app>';
        throw new CliError(`not signed in (or the sign-in has ended): run \`prepared-return login --app ${appUrl}\``, EXIT.usage);
      }
      return new AppClient(login);
    })();
    return this.appValue;
  }

  /** Runs `work` with the ledger and audit database (DATABASE_URL, or the local stack's), closed afterwards. */
  async withStore<T>(work: (store: import('../store/store.js').Store) => Promise<T>): Promise<T> {
    await this.operatorOnly('this command');
    const { openStore } = await import('../store/store.js');
    const store = openStore(this.env);
    try {
      return await work(store);
    } finally {
      await store.db.close();
    }
  }

  /** Refuses, for a signed-in user, what reaches Temporal, the keys or the database directly. */
  async operatorOnly(what: string): Promise<void> {
    if (await this.app()) {
      throw new CliError(`${what} is an operator's: it reaches Temporal and the keys directly (PR_ACCESS=operator, with a Temporal connection profile), not through the app`, EXIT.usage);
    }
  }

  /**
   * The caseworker speaking: through the app, the signed-in user and nobody else; as an operator,
   * `--caseworker`, else PR_CASEWORKER_ID, checked like every staff id.
   */
  async caseworker(flag: string | undefined): Promise<string> {
    const app = await this.app();
    if (app) {
      const me = await app.me();
      if (flag !== undefined && flag !== me.id) {
        throw new CliError(`--caseworker: you are signed in as ${me.id}; the command line speaks only as the signed-in user`, EXIT.usage);
      }
      return me.id;
    }
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
