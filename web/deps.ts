/**
 * What the web app's server is built from, and what the session and each request carry. Shared by
 * the server and its routes (kept apart from both so neither imports the other).
 */
import type { WebConfig } from './config.js';
import type { Desk } from './desk.js';
import type { Login, PendingLogin } from './login.js';
import type { WebMetrics } from './metrics.js';
import type { User } from './user.js';

declare module '@fastify/secure-session' {
  interface SessionData {
    user: User;
    idToken: string;
    signedInAt: number;
    lastSeenAt: number;
    pending: PendingLogin;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set by the session check on every page that needs one. */
    user?: User;
  }
}

export interface WebAppDeps {
  config: WebConfig;
  desk: Desk;
  login: Login;
  metrics: WebMetrics;
  /** Whether Temporal answers (for /health). */
  temporalHealthy: () => Promise<boolean>;
  logLevel?: string;
  /** Where the JSON log lines go (standard output unless given; the tests read them). */
  logStream?: NodeJS.WritableStream;
}
