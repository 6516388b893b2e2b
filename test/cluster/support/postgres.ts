/**
 * The machine's PostgreSQL the cluster suite runs on (127.0.0.1:5432, user postgres, trust
 * authentication), or the server `PR_TEST_POSTGRES_URL` names. Each run uses databases of its own
 * and drops them; the server itself is shared and never restarted by a test.
 */
import { connect } from 'node:net';
import type { PostgresEndpoint } from '../../../dev/temporal-databases.js';

export const MACHINE_POSTGRES_URL = process.env.PR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function machinePostgres(): PostgresEndpoint {
  const url = new URL(MACHINE_POSTGRES_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/** Whether something accepts connections where PostgreSQL should be. */
export function postgresReachable(timeoutMs = 2000): Promise<boolean> {
  const { host, port } = machinePostgres();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
