/**
 * The command line as a client of the app's JSON API (web/api/routes.ts): a caseworker's machine
 * needs the app's address and her sign-in (`prepared-return login`), nothing of Temporal, no key
 * ring and no case secrets. The app acts as the signed-in user, with the same authorisation, audit
 * trail and refusals as its pages; here its answers become the command line's own sentences and
 * exit codes (client/errors.ts), exactly as when it talks to Temporal itself.
 */
import { CliError, EXIT, NoProgramme } from '../errors.js';
import type { StoredLogin } from '../login/tokenFile.js';

/** The app's JSON error (web/api/errors.ts): a stable code, a sentence, the problems by field. */
interface ApiError {
  error: string;
  message: string;
  problems?: Array<{ field: string; problem: string }>;
}

/** A refusal the app gave, in the API's terms, for the caller to put in the words of its flags. */
export class AppRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Array<{ field: string; problem: string }> = [],
  ) {
    super(message);
    this.name = 'AppRefusal';
  }
}

export interface SignedInUser {
  id: string;
  name: string;
  role: string;
  team?: string;
}

/** A query waits up to 10 s for a worker and an event up to 8 s for its record; the app answers within that. */
const REQUEST_TIMEOUT_MS = 20_000;

/** Problems with what was sent, as the command line says them: `field: problem`, exit 2. */
export function asUsageError(err: AppRefusal, rename: (field: string) => string = (f) => f): CliError {
  const lines = err.problems.length > 0 ? err.problems.map((p) => `${rename(p.field)}: ${p.problem}`) : [err.message];
  return new CliError(lines.join('\n'), err.code === 'invalid' ? EXIT.usage : EXIT.refused);
}

export class AppClient {
  private meValue: Promise<SignedInUser> | undefined;

  constructor(private readonly login: StoredLogin) {}

  /** Who the app says she is: the actor of everything she does from here. */
  me(): Promise<SignedInUser> {
    this.meValue ??= this.get<SignedInUser>('/me');
    return this.meValue;
  }

  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return this.request<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /**
   * One request as the signed-in user. A programme out of her reach is "not found" like one that
   * does not exist; `caseRef` names it in that sentence.
   */
  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown, query: Record<string, string | undefined> = {}, caseRef?: string): Promise<T> {
    const url = new URL(`/api/v1${path}`, this.login.appUrl);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    let answer: Response;
    try {
      answer = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.login.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // As long as a query may wait for a worker, and a little more: a hung app is "not reachable", never a hang.
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      throw new CliError(`The app at ${this.login.appUrl} cannot be reached. Is it running, and is its address (PR_APP_URL, or the one you signed in at) right?`, EXIT.unreachable);
    }
    if (answer.ok) {
      try {
        return (await answer.json()) as T;
      } catch {
        throw new CliError(`The app at ${this.login.appUrl} answered with something other than its API (a proxy's page?).`, EXIT.unreachable);
      }
    }
    const error = (await answer.json().catch(() => ({ error: 'internal', message: `HTTP ${answer.status}` }))) as ApiError;
    switch (error.error) {
      case 'unauthenticated': {
        const appUrl = this.login.appUrl;
        throw new CliError(`The app did not accept your sign-in (it may have ended): run \`prepared-return login --app ${appUrl}\` again.`, EXIT.usage);
      }
      case 'not-found':
        if (caseRef) throw new NoProgramme(caseRef);
        throw new CliError(error.message, EXIT.notFound);
      case 'not-in-role':
        throw new CliError(`Refused: not part of your role (${(await this.me().catch(() => undefined))?.role ?? 'as signed in'}).`, EXIT.refused);
      case 'refused':
      case 'invalid':
        throw new AppRefusal(answer.status, error.error, error.message, error.problems ?? []);
      case 'unknown-command':
      case 'bad-request':
      case 'too-large':
        // The app does not know what this command line sent: an older app, or a newer command line.
        throw new CliError(`The app at ${this.login.appUrl} does not take this request (${error.message}); is it the same version as this command line?`, EXIT.usage);
      case 'provider-unreachable':
      case 'internal':
        throw new CliError(`The app could not do it: ${error.message}`, EXIT.unreachable);
      default:
        throw new CliError(`The app answered HTTP ${answer.status}: ${error.message}`, EXIT.refused);
    }
  }
}
