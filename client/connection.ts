/** Connects the caseworker client to Temporal from the environment (see README: configuration). */
import { Client, Connection } from '@temporalio/client';
import type { TemporalConnectionConfig } from '../domain/config.js';

export class ServerUnreachable extends Error {
  constructor(readonly address: string) {
    super(`Cannot reach the Temporal server at ${address}. Start the local stack with \`npm start\`, or set TEMPORAL_ADDRESS.`);
    this.name = 'ServerUnreachable';
  }
}

export async function connectClient(config: TemporalConnectionConfig): Promise<Client> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: '5s' });
  } catch {
    throw new ServerUnreachable(config.TEMPORAL_ADDRESS);
  }
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}
