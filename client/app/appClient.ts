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

export class AppClient {
  private meValue: Promise<SignedInUser> | undefined;

  constructor(private readonly login: StoredLogin) {}

  get url(): string {
    return this.login.appUrl;
  }

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
      });
    } catch {
      throw new CliError(`The app at ${this.login.appUrl} cannot be reached. Is it running, and is its address (PR_APP_URL, or the one you signed in at) right?`, EXIT.unreachable);
    }
    if (answer.ok) return (await answer.json()) as T;
    const error = (await answer.json().catch(() => ({ error: 'internal', message: `HTTP ${answer.status}` }))) as ApiError;
    switch (error.error) {
      case 'unauthenticated':
      {
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
      case 'provider-unreachable':
      case 'internal':
        throw new CliError(`The app could not do it: ${error.message}`, EXIT.unreachable);
      default:
        throw new CliError(`The app answered HTTP ${answer.status}: ${error.message}`, EXIT.refused);
    }
  }
}
