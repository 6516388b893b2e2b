/**
 * Starts one real Temporal dev server (the CLI provisioned by dev/temporal-cli.ts) for the whole test
 * run, on free ports, in memory, with the programme's search attributes registered at start, and
 * creates the run's own database on the machine's PostgreSQL (migrated; dropped at the end).
 * Test files reach them through `inject('temporalAddress')` and `inject('databaseUrl')`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleWorkflowCode } from '@temporalio/worker';
import { HISTORY_KEYS } from './support/historyKeys.js';
import { createScratchDatabase } from '../dev/scratchDatabase.js';
import { ensureTestPostgres } from './support/testPostgres.js';
import { failureConverterPath } from '../codec/dataConverter.js';
import { generateKeyRingFile } from '../codec/keyRing.js';
import { startDevServer } from '../dev/temporal-server.js';
import { workflowsPath } from '../worker/worker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    /** The real workflow code, bundled once for the whole run (bundling takes seconds). */
    workflowBundlePath: string;
    /** The run's payload key ring, generated now: no key is ever committed (the case secrets are in the run's database). */
    codecKeysFile: string;
    /** The run's own database on the machine's PostgreSQL, migrated. */
    databaseUrl: string;
    pseudonymKey: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bundleDir = mkdtempSync(join(tmpdir(), 'prepared-return-bundle-'));
  // A prebuilt bundle carries its failure converter: the worker cannot add it later.
  const bundle = await bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
  const workflowBundlePath = join(bundleDir, 'workflows.js');
  writeFileSync(workflowBundlePath, bundle.code);
  project.provide('workflowBundlePath', workflowBundlePath);

  // Fresh keys for every run; a run that records replay histories uses the committed test keys instead.
  const recording = Boolean(process.env.RECORD_HISTORIES);
  const codecKeysFile = recording ? HISTORY_KEYS.keyRingFile : join(bundleDir, 'codec-keys.json');
  if (!recording) writeFileSync(codecKeysFile, JSON.stringify(generateKeyRingFile('test-run')), { mode: 0o600 });
  project.provide('codecKeysFile', codecKeysFile);
  // Test processes and the CLI subprocesses they spawn inherit these, as a caseworker's shell would have them.
  process.env.PR_CODEC_KEYS_FILE = codecKeysFile;
  // The tests reach their own servers: a connection profile of the machine's user (the Temporal CLI's
  // ~/.config/temporalio/temporal.toml, say with Temporal Cloud's address and key) must not reach them.
  process.env.TEMPORAL_CONFIG_FILE = join(bundleDir, 'temporal.toml');
  writeFileSync(process.env.TEMPORAL_CONFIG_FILE, '');

  const postgresDir = mkdtempSync(join(tmpdir(), 'prepared-return-test-postgres-'));
  const stopPostgres = await ensureTestPostgres(postgresDir, (line) => console.error(line));
  const database = await createScratchDatabase();
  const pseudonymKey = randomBytes(32).toString('base64');
  project.provide('databaseUrl', database.url);
  project.provide('pseudonymKey', pseudonymKey);
  process.env.DATABASE_URL = database.url;
  process.env.PR_PSEUDONYM_KEY = pseudonymKey;

  const server = await startDevServer({
    allowDownload: false,
    progress: (line) => console.error(line),
    logLevel: 'error',
  });
  project.provide('temporalAddress', server.address);
  project.provide('temporalNamespace', 'default');
  return async () => {
    await server.teardown();
    await database.drop();
    await stopPostgres();
    rmSync(postgresDir, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  };
}
