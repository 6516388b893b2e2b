/**
 * Connecting with a connection profile (temporal/profile.ts), the one way every process does: the
 * options of a client `Connection` (caseworkers' client, web app, partner gateway, local stack) and
 * of a worker's `NativeConnection`, and one sentence when the server cannot be reached. Each SDK
 * package is loaded only by the side that connects with it: the command line never loads the
 * worker's native runtime, and its help and error words load neither.
 */
import type { Connection, ConnectionOptions } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import type { NativeConnection, NativeConnectionOptions } from '@temporalio/worker';
import { tlsProblem } from './handshake.js';
import type { TemporalProfile } from './profile.js';
import { ServiceToken } from './serviceToken.js';

export function clientConnectionOptions(profile: TemporalProfile, token?: ServiceToken): ConnectionOptions {
  if (profile.serviceToken && !token) throw new Error('a profile that signs in for its token connects through openConnection');
  // The client reads the key at every call, so a renewed token is used from the next call on.
  return { address: profile.address, ...profile.credentials, ...(token ? { apiKey: () => token.current() } : {}) };
}

export function workerConnectionOptions(profile: TemporalProfile, token?: ServiceToken): NativeConnectionOptions {
  if (profile.serviceToken && !token) throw new Error('a profile that signs in for its token connects through openWorkerConnection');
  return { address: profile.address, ...profile.credentials, ...(token ? { apiKey: token.current() } : {}) };
}

/** The service's own token, when its profile says it signs in for one; stopped if connecting fails. */
async function serviceTokenOf(profile: TemporalProfile): Promise<ServiceToken | undefined> {
  return profile.serviceToken ? ServiceToken.start(profile.serviceToken) : undefined;
}

/** The server could not be reached: where we looked and, when TLS is the reason, which setting to check. */
export class TemporalUnreachable extends Error {
  constructor(
    readonly address: string,
    readonly why?: string,
    options?: ErrorOptions,
  ) {
    super(
      why
        ? `Cannot reach the Temporal server at ${address}: ${why}.`
        : `Cannot reach the Temporal server at ${address}. Start the local stack with \`npm start\`, or set TEMPORAL_ADDRESS.`,
      options,
    );
    this.name = 'TemporalUnreachable';
  }
}

/** The gRPC status code an error carries, on itself or on an error that caused it. */
export function grpcCode(err: unknown): number | undefined {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** The gRPC status codes our callers tell apart (grpc.io's status codes). */
export const GrpcStatus = { ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, UNAVAILABLE: 14, UNAUTHENTICATED: 16 } as const;

/** The frontend answered and refused the caller's credentials or permissions. */
export const isRefusal = (err: unknown): boolean => [GrpcStatus.PERMISSION_DENIED, GrpcStatus.UNAUTHENTICATED].some((code) => code === grpcCode(err));

/**
 * What a failed connection means: a server that answered and refused our credentials is reached (the
 * error stays as it is, for its caller to word); otherwise the sentence, after asking the server why.
 */
export async function connectionFailure(profile: TemporalProfile, err: unknown): Promise<unknown> {
  if (isRefusal(err)) return err;
  return new TemporalUnreachable(profile.address, await tlsProblem(profile), { cause: err });
}

/** A client connection, checked: it answers, or the caller gets the sentence. */
export async function openConnection(profile: TemporalProfile, options: { connectTimeout?: Duration } = {}): Promise<Connection> {
  const { Connection } = await import('@temporalio/client');
  const token = await serviceTokenOf(profile);
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...clientConnectionOptions(profile, token), connectTimeout: options.connectTimeout ?? '5s' });
  } catch (err) {
    token?.stop();
    throw await connectionFailure(profile, err);
  }
  if (token) stopWith(connection, token);
  return connection;
}

/**
 * A client connection that connects at its first call (the gateway starts, and answers 503, while
 * Temporal is away). A service's own token is fetched now: without one it could not call at all.
 */
export async function lazyConnection(profile: TemporalProfile): Promise<Connection> {
  const { Connection } = await import('@temporalio/client');
  const token = await serviceTokenOf(profile);
  const connection = Connection.lazy(clientConnectionOptions(profile, token));
  if (token) stopWith(connection, token);
  return connection;
}

/** A worker's connection, checked the same way. */
export async function openWorkerConnection(profile: TemporalProfile): Promise<NativeConnection> {
  const { NativeConnection } = await import('@temporalio/worker');
  const token = await serviceTokenOf(profile);
  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect(workerConnectionOptions(profile, token));
  } catch (err) {
    token?.stop();
    throw await connectionFailure(profile, err);
  }
  if (token) {
    // The native connection keeps its own copy of the key: each renewed token is handed to it.
    token.onRenewal((renewed) => connection.setApiKey(renewed));
    stopWith(connection, token);
  }
  return connection;
}

/** The token is renewed for as long as its connection is open. */
function stopWith(connection: { close(): Promise<void> }, token: ServiceToken): void {
  const close = connection.close.bind(connection);
  connection.close = async () => {
    token.stop();
    await close();
  };
}
