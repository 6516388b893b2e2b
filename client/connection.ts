/**
 * Connects the caseworker client (and the web app) to Temporal with the connection profile and the
 * data converter shared with the worker. A server that cannot be reached becomes one plain sentence
 * (temporal/connection.ts).
 */
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { openConnection } from '../temporal/connection.js';
import type { ClientConfig } from './config.js';

export interface ConnectOptions {
  dataConverter?: DataConverter;
  connectTimeout?: string;
}

export async function connectClient(config: ClientConfig, options: ConnectOptions = {}): Promise<Client> {
  const connection = await openConnection(config.temporal, options.connectTimeout ? { connectTimeout: options.connectTimeout } : {});
  return new Client({
    connection,
    namespace: config.temporal.namespace,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
}
