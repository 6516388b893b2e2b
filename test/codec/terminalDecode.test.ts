/**
 * docs/supervisors.md's decoding command, run as written with the real Temporal CLI against the
 * local stack's codec endpoint (its development files, certificate and token in a `.data` folder)
 * and the test server. Only the workflow ID and the port are the test's own.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataConverterFromEnv } from '../../codec/dataConverter.js';
import { ensureDevCodecFiles, startDevCodec } from '../../dev/codec.js';
import { freePort } from '../../dev/ports.js';
import { runCommand } from '../../dev/runCommand.js';
import { provisionTemporalCli } from '../../dev/temporal-cli.js';
import { localStackStoreFiles } from '../../store/config.js';
import { runAuditTrail } from '../support/database.js';
import { commandsInMarkdown } from '../support/printedCommands.js';
import { tempDir } from './support.js';

const CANARY = 'Ioana Canarescu';
const DOC_WORKFLOW_ID = 'return-programme-CMM-2026-0001';
const DOC_ENDPOINT = 'https://localhost:8091';

/** The first step of docs/supervisors.md (a shell block's command) that runs `temporal workflow show`. */
function documentedCommand(): string {
  const doc = readFileSync(new URL('../../docs/supervisors.md', import.meta.url), 'utf8');
  const step = commandsInMarkdown(doc, 'docs/supervisors.md').find((c) => c.step && c.line.includes('temporal workflow show'));
  if (!step) throw new Error('docs/supervisors.md shows no `temporal workflow show` command');
  return step.line;
}

describe('decoding from a terminal as docs/supervisors.md says', () => {
  const root = tempDir('terminal-decode');
  const dataDir = join(root, '.data');
  const log: string[] = [];
  let codec: { url: string; app: FastifyInstance };
  let port: number;
  let workflowId: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(dataDir);
    const files = ensureDevCodecFiles(dataDir, 'default');
    // The stack's database, where the local stack leaves its address (the run's database stands in for it).
    const store = localStackStoreFiles(dataDir);
    writeFileSync(store.urlFile, `${inject('databaseUrl')}\n`);
    writeFileSync(store.pseudonymKeyFile, `${inject('pseudonymKey')}\n`);
    port = await freePort();
    codec = await startDevCodec({
      host: '127.0.0.1',
      port,
      namespace: 'default',
      uiOrigins: [],
      files,
      env: { PR_DATA_DIR: dataDir },
      certDir: dataDir,
      audit: runAuditTrail(),
      logger: { level: 'info', stream: new Writable({ write: (chunk: Buffer, _e, done) => (log.push(chunk.toString('utf8')), done()) }) } as never,
    });
    // A programme-like workflow whose input only decoding shows; no worker needs to run it.
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection, namespace: 'default', dataConverter: dataConverterFromEnv({ PR_DATA_DIR: dataDir }, 'default') });
    workflowId = `return-programme-TST-2026-${String(port).padStart(5, '0')}`;
    await client.workflow.start('returnProgramme', { taskQueue: `terminal-decode-${port}`, workflowId, args: [{ person: { fullName: CANARY } }] });
    await connection.close();
    const cli = provisionTemporalCli({ allowDownload: false });
    if (cli.type !== 'existing-path') throw new Error('the Temporal CLI is needed');
    env = { PATH: `${dirname(cli.path)}:${process.env.PATH ?? ''}`, HOME: root, TEMPORAL_ADDRESS: inject('temporalAddress') };
  });
  afterAll(async () => {
    await codec?.app.close();
  });

  const asDocumented = () => documentedCommand().replace(DOC_WORKFLOW_ID, workflowId).replace(DOC_ENDPOINT, `https://localhost:${port}`);

  it('the documented command decodes the programme input', { timeout: 60_000 }, async () => {
    const command = asDocumented();
    expect(command).toContain(`https://localhost:${port}`);
    expect(command).toContain(workflowId);
    const result = await runCommand('sh', ['-c', command], env, root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(CANARY);
    expect(log.join('')).toMatch(/"supervisor":"sup-dev".*"msg":"decoded"/);
  });

  it('without the namespace the endpoint refuses, and its log says why', { timeout: 60_000 }, async () => {
    const result = await runCommand('sh', ['-c', asDocumented().replace(/ -n default/, '')], env, root);
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain(CANARY);
    expect(log.join('')).toMatch(/"reason":"X-Namespace: expected the namespace to decode for, one of default; the request named none \(with the Temporal CLI, add -n default\)"/);
  });
});
