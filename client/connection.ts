/**
 * Connects the caseworker client to Temporal from the environment: address, namespace, TLS, API key
 * and the data converter shared with the worker. Connection problems become one plain sentence.
 */
import { readFile } from 'node:fs/promises';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { usesTls, type ClientConfig } from './config.js';
import { CliError, EXIT } from './errors.js';

export class ServerUnreachable extends CliError {
  constructor(readonly address: string, why?: string) {
    super(
      `Cannot reach the Temporal server at ${address}${why ? ` (${why})` : ''}. Start the local stack with \`npm start\`, or set TEMPORAL_ADDRESS.`,
      EXIT.unreachable,
    );
    this.name = 'ServerUnreachable';
  }
}

export interface ConnectOptions {
  dataConverter?: DataConverter;
  connectTimeout?: string;
}

export async function connectClient(config: ClientConfig, options: ConnectOptions = {}): Promise<Client> {
  const tls = usesTls(config) ? await tlsConfig(config) : false;
  let connection: Connection;
  try {
    connection = await Connection.connect({
      address: config.TEMPORAL_ADDRESS,
      tls,
      ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
      connectTimeout: options.connectTimeout ?? '5s',
    });
  } catch (err) {
    const why = err instanceof Error && /certificate|ssl|tls|handshake/i.test(err.message) ? 'TLS handshake failed: check the TEMPORAL_TLS_* settings' : undefined;
    throw new ServerUnreachable(config.TEMPORAL_ADDRESS, why);
  }
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
}

async function tlsConfig(config: ClientConfig): Promise<TLSConfig> {
  const read = async (variable: string, path: string): Promise<Buffer> => {
    try {
      return await readFile(path);
    } catch {
      throw new CliError(`${variable}: cannot read the file ${path}`, EXIT.usage);
    }
  };
  return {
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(config.TEMPORAL_TLS_CA ? { serverRootCACertificate: await read('TEMPORAL_TLS_CA', config.TEMPORAL_TLS_CA) } : {}),
    ...(config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY
      ? { clientCertPair: { crt: await read('TEMPORAL_TLS_CERT', config.TEMPORAL_TLS_CERT), key: await read('TEMPORAL_TLS_KEY', config.TEMPORAL_TLS_KEY) } }
      : {}),
  };
}
