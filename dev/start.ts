/**
 * `npm start`: the whole service on this machine, nothing to install by hand.
 *
 *   Temporal dev server (SQLite file in the data folder, Web UI, search attributes registered)
 *   └─ worker (workflows + activities)
 *
 * Everything stops cleanly on Ctrl-C; programmes live in the SQLite file and are all there after a restart.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { loadLocalStackConfig } from '../domain/config.js';
import { ValidationError } from '../domain/validation.js';
import { createProgrammeWorker } from '../worker/worker.js';
import { assertPortsFree, PortTaken } from './ports.js';
import { TemporalCliUnavailable } from './temporal-cli.js';
import { startDevServer } from './temporal-server.js';

async function main(): Promise<void> {
  const config = loadLocalStackConfig(process.env);
  const dataDir = resolve(config.PR_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  await assertPortsFree([
    { port: config.PR_TEMPORAL_PORT, host: config.PR_HOST, variable: 'PR_TEMPORAL_PORT', what: 'Temporal server' },
    { port: config.PR_UI_PORT, host: config.PR_HOST, variable: 'PR_UI_PORT', what: 'Temporal Web UI' },
  ]);

  const dbFilename = resolve(dataDir, 'temporal.sqlite');
  console.log(`Starting the Temporal dev server (data: ${dbFilename}) …`);
  const server = await startDevServer({
    ip: config.PR_HOST,
    port: config.PR_TEMPORAL_PORT,
    uiPort: config.PR_UI_PORT,
    namespace: config.PR_NAMESPACE,
    dbFilename,
    logLevel: config.LOG_LEVEL === 'debug' ? 'info' : 'warn',
    progress: (line) => console.log(line),
  });

  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await createProgrammeWorker({ connection, namespace: config.PR_NAMESPACE });
  const running = worker.run();

  const host = config.PR_HOST === '127.0.0.1' || config.PR_HOST === '0.0.0.0' ? 'localhost' : config.PR_HOST;
  console.log(
    [
      '',
      'prepared-return is running:',
      `  Temporal server   ${server.address}   (namespace ${config.PR_NAMESPACE})`,
      `  Temporal Web UI   http://${host}:${config.PR_UI_PORT}`,
      `  Worker            task queue prepared-return`,
      `  Data              ${dataDir}`,
      '',
      'Open a programme from another terminal:  npx prepared-return open --case CMM-2026-0001 --country RO --caseworker cw-demo',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  // The SDK's runtime stops the worker on SIGINT/SIGTERM; when it has drained, stop the server too.
  try {
    await running;
  } finally {
    await connection.close().catch(() => undefined);
    await server.teardown().catch(() => undefined);
    console.log('Stopped. Programmes are kept in', dbFilename);
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ValidationError || err instanceof PortTaken || err instanceof TemporalCliUnavailable;
  console.error(known ? err.message : `The local stack stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
