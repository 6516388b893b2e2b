/**
 * Personal-data canaries through a whole programme: every personal field of the input carries a
 * canary, and so does every free field partners report (contact records, notes, who received her);
 * the programme runs to
 * returned-followed-up on its own dev server with a SQLite file, and afterwards no canary is in
 * the SQLite files (WAL included), any process's log output, the search attributes, the Temporal
 * CLI's raw (undecoded) output, the caseworker CLI's output, any mail or any partner request, nor
 * is it, the case reference or the case's secret in a dump of our own database (ledger, audit log,
 * case secrets). A control written without encryption is found in the same files, and the case's
 * row in the dump, so the search can fail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { openProgramme } from '../../client/openProgramme.js';
import { caseHash } from '../../codec/caseSecrets.js';
import { loadCodecConfig } from '../../codec/config.js';
import { programmeCaseSecrets } from '../../codec/dataConverter.js';
import { pseudonym } from '../../store/pseudonym.js';
import { programmeWorkflowId } from '../../domain/programme.js';
import { searchAttributeFlags } from '../../domain/searchAttributes.js';
import { freePort } from '../../dev/ports.js';
import { provisionTemporalCli } from '../../dev/temporal-cli.js';
import * as M from '../../workflows/messages.js';
import { createProgrammeWorker } from '../../worker/worker.js';
import { runCli, cliEnv } from '../client/runCli.js';
import { departs, partnerAsked, recordAssessment, travelIn } from '../support/drive.js';
import { findCanaries, startTestPeers, TEST_PARTNERS } from '../support/peers.js';
import { event, partner, programmeInput, waitForStatus } from '../support/programmes.js';
import { runStore } from '../support/database.js';
import { programmeBundle, runCodecEnv, testDataConverter, uniqueCaseRef, uniqueTaskQueue } from '../support/temporal.js';

const PERSON = { fullName: 'Ioana Canarescu', birthDate: '1994-03-07', phone: '+40 799 137 246', spokenLanguages: ['Kanarisch-Romani'] };
const CANARIES = ['Canarescu', '1994-03-07', '799 137 246', 'Kanarisch'];
/** What partners report about her and their own people: contact records, notes, who received her. */
const CONTENT = {
  key: { name: 'Mihaela Kanarienvogel', role: 'case-manager' as const, phone: '+40 711 424 242', email: 'kanarienvogel@partner.test' },
  alternate: { name: 'Radu Zeisig', role: 'social-worker' as const },
  answerNote: 'Zeisignote about the family debts',
  reportNote: 'Kanarienbericht: she found work',
};
const CONTENT_CANARIES = ['Kanarienvogel', '711 424 242', 'Zeisig', 'Kanarienbericht'];
const CONTROL = 'CONTROL-PLAINTEXT-7f3a9c';

const dataDir = mkdtempSync(join(tmpdir(), 'pr-canary-'));
let server: ChildProcess | undefined;
const serverLog: string[] = [];
afterAll(() => {
  server?.kill('SIGKILL');
});

/** The dev server as its own process, so its log output can be read in full. */
async function startServer(): Promise<string> {
  const executable = provisionTemporalCli({ allowDownload: false });
  if (executable.type !== 'existing-path') throw new Error('the Temporal CLI is needed');
  const [port, httpPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  server = spawn(executable.path, [
    'server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort), '--metrics-port', String(metricsPort),
    '--db-filename', join(dataDir, 'temporal.sqlite'), '--log-level', 'info', ...searchAttributeFlags().flatMap((f) => ['--search-attribute', f]),
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => serverLog.push(d.toString('utf8')));
  server.stderr!.on('data', (d: Buffer) => serverLog.push(d.toString('utf8')));
  const address = `127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1s' });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return address;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new Error('the dev server did not start');
}

function sqliteFiles(): Array<{ name: string; bytes: Buffer }> {
  return readdirSync(dataDir).filter((f) => f.startsWith('temporal.sqlite')).map((name) => ({ name, bytes: readFileSync(join(dataDir, name)) }));
}

/** Every row of every table of the run's database, as text (bytea as hex, as a dump writes it). */
async function databaseDump(): Promise<string> {
  const { db } = runStore();
  const { rows: tables } = await db.pool.query<{ name: string }>("SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  const dumped: string[] = [];
  for (const { name } of tables) {
    const { rows } = await db.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    dumped.push(`-- ${name}`, ...rows.map((r) => r.row));
  }
  return dumped.join('\n');
}

function found(haystack: string | Buffer, needles: readonly string[]): string[] {
  const text = Buffer.isBuffer(haystack) ? haystack.toString('latin1') : haystack;
  return needles.filter((n) => text.toLowerCase().includes(n.toLowerCase()));
}

describe('personal data through a whole programme', () => {
  it('leaves no canary in the database, logs, search attributes, CLI output, mail or partner requests', async () => {
    const address = await startServer();
    const ownOutput: string[] = [];
    const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    // This process's output (worker, client, activities, test peers) is kept as well as shown.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (ownOutput.push(String(chunk)), writes.out(chunk, ...rest))) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (ownOutput.push(String(chunk)), writes.err(chunk, ...rest))) as typeof process.stderr.write;

    const peers = await startTestPeers();
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, namespace: 'default', dataConverter: testDataConverter() });
    const workerConnection = await NativeConnection.connect({ address });
    const taskQueue = uniqueTaskQueue('canary');
    const caseRef = uniqueCaseRef('CAN');
    let cliOutput = '';
    let humanCliOutput = '';
    let temporalCliOutput = '';
    let searchAttributes = '';
    try {
      const worker = await createProgrammeWorker({ connection: workerConnection, namespace: 'default', dataConverter: testDataConverter(), taskQueue, workflowBundle: programmeBundle(), activities: peers.activities });
      await worker.runUntil(async () => {
        const { handle } = await openProgramme(client, programmeInput(caseRef, { person: PERSON }), { taskQueue });
        await recordAssessment(handle);
        await partnerAsked(handle, TEST_PARTNERS.api);
        const from = partner(TEST_PARTNERS.api);
        await handle.signal(M.signals.referralAcknowledged, event(from, { keyContact: CONTENT.key, alternateContact: CONTENT.alternate }));
        await handle.signal(M.signals.referralAnswered, event(from, { answer: 'accept' as const, riskFeedback: 'higher' as const, riskFactors: ['debt' as const], note: CONTENT.answerNote }));
        await waitForStatus(handle, (s) => s.stage === 'travel', { what: 'travel stage' });
        await handle.executeUpdate(M.updates.recordPlan, { args: [{ by: 'cw-test', elements: ['housing', 'employment'] }] });
        await handle.executeUpdate(M.updates.planTravel, { args: [travelIn(10 * 60_000)] });
        await departs(handle);
        await handle.signal(M.signals.handoverConfirmed, event(from, { where: 'airport' as const, receivedBy: CONTENT.key }));
        for (const checkpoint of ['month-1', 'month-3', 'month-6', 'month-12'] as const) {
          await waitForStatus(handle, (s) => s.checkpoints.find((c) => c.name === checkpoint)?.state === 'requested', { what: `${checkpoint} requested` });
          const situation = { housing: 'adequate', livelihood: 'fragile', health: 'secure', safety: 'secure', family: 'adequate', legalStatus: 'secure' } as const;
          await handle.signal(
            M.signals.followUpReported,
            event(from, { checkpoint, situation, seenInPerson: true, supportReceived: ['housing' as const], nextSteps: ['continue-support' as const], note: CONTENT.reportNote, concerns: [] }),
          );
        }
        const result = await handle.result();
        expect(result.outcome).toBe('returned-followed-up');
        // Every field of every answer and report is kept, in the result as in the status.
        const asked = result.referral.candidates.find((c) => c.partnerId === TEST_PARTNERS.api)!;
        expect(asked.contacts).toEqual({ key: CONTENT.key, alternate: CONTENT.alternate, source: { via: 'gateway' } });
        expect(asked.answer).toEqual({ answer: 'accept', declineReasons: [], riskFeedback: 'higher', riskFactors: ['debt'], note: CONTENT.answerNote, source: { via: 'gateway' } });
        expect(result.handover).toMatchObject({ where: 'airport', receivedBy: CONTENT.key });
        expect(result.checkpoints.map((c) => c.report?.note)).toEqual([CONTENT.reportNote, CONTENT.reportNote, CONTENT.reportNote, CONTENT.reportNote]);
        expect(result.checkpoints[0]!.report).toMatchObject({ form: 'areas', seenInPerson: true, supportReceived: ['housing'], nextSteps: ['continue-support'] });
        // The control: the same server, a client without encryption (nothing runs it).
        await new Client({ connection, namespace: 'default' }).workflow.start('control', { taskQueue: 'nobody', workflowId: `control-${caseRef}`, args: [{ note: CONTROL }] });

        searchAttributes = JSON.stringify((await handle.describe()).raw.workflowExecutionInfo?.searchAttributes ?? {});
        const temporal = provisionTemporalCli({ allowDownload: false });
        const path = temporal.type === 'existing-path' ? temporal.path : 'temporal';
        for (const args of [
          ['workflow', 'show', '--workflow-id', handle.workflowId, '--output', 'json'],
          ['workflow', 'describe', '--workflow-id', handle.workflowId, '--output', 'json'],
          ['workflow', 'list', '--query', `WorkflowId = "${handle.workflowId}"`, '--output', 'json'],
        ]) {
          const run = spawnSync(path, [...args, '--address', address], { encoding: 'utf8' });
          expect(run.status).toBe(0);
          cliOutput += run.stdout + run.stderr;
          temporalCliOutput += run.stdout + run.stderr;
        }
        const env = cliEnv(taskQueue, { TEMPORAL_ADDRESS: address });
        for (const args of [['status', caseRef], ['timeline', caseRef], ['status', caseRef, '--json']]) {
          const run = await runCli(args, env);
          expect(run.code).toBe(0);
          cliOutput += run.stdout + run.stderr;
          // The caseworker reads the partners' content in the record itself (audited), nowhere else.
          if (args.includes('--json')) expect(found(run.stdout, CONTENT_CANARIES)).toEqual(CONTENT_CANARIES);
          else humanCliOutput += run.stdout + run.stderr;
        }
      });
    } finally {
      process.stdout.write = writes.out;
      process.stderr.write = writes.err;
      await workerConnection.close();
      await connection.close();
      await peers.stop();
    }

    // The raw history really holds the programme (the CLI output is not empty talk).
    expect(cliOutput).toContain(caseRef);
    expect(searchAttributes).toContain('ProgrammeStage');
    const whileRunning = sqliteFiles();
    server!.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    const afterStop = sqliteFiles();
    expect(whileRunning.some((f) => f.name.endsWith('-wal')) || afterStop.length > 0).toBe(true);

    const leaks = [
      ...[...whileRunning, ...afterStop].flatMap((f) => found(f.bytes, CANARIES).map((c) => `${c} in ${f.name}`)),
      ...found(serverLog.join(''), CANARIES).map((c) => `${c} in the server log`),
      ...found(ownOutput.join(''), CANARIES).map((c) => `${c} in worker/client output`),
      ...found(searchAttributes, CANARIES).map((c) => `${c} in search attributes`),
      ...found(cliOutput, CANARIES).map((c) => `${c} in CLI output`),
      ...findCanaries(CANARIES).map((f) => `${f.canary} in ${f.where}`),
      // The partners' content: the same places, and the caseworker's status and timeline as shown.
      ...[...whileRunning, ...afterStop].flatMap((f) => found(f.bytes, CONTENT_CANARIES).map((c) => `${c} in ${f.name}`)),
      ...found(serverLog.join(''), CONTENT_CANARIES).map((c) => `${c} in the server log`),
      ...found(ownOutput.join(''), CONTENT_CANARIES).map((c) => `${c} in worker/client output`),
      ...found(searchAttributes, CONTENT_CANARIES).map((c) => `${c} in search attributes`),
      ...found(temporalCliOutput + humanCliOutput, CONTENT_CANARIES).map((c) => `${c} in CLI output`),
      ...findCanaries(CONTENT_CANARIES).map((f) => `${f.canary} in ${f.where}`),
    ];
    expect(leaks).toEqual([]);
    // The search is not vacuous: the unencrypted control is in the same database files.
    expect([...whileRunning, ...afterStop].some((f) => found(f.bytes, [CONTROL]).length > 0)).toBe(true);

    // Our own database: the case's secret is in it only wrapped, under a pseudonym.
    const workflowId = programmeWorkflowId(caseRef);
    const secret = (await programmeCaseSecrets(loadCodecConfig(runCodecEnv()), runStore().db).existingSecret(workflowId))!;
    const dump = await databaseDump();
    expect(found(dump, [...CANARIES, ...CONTENT_CANARIES, caseRef, secret.toString('hex'), secret.toString('base64')])).toEqual([]);
    expect(dump).toContain(pseudonym(inject('pseudonymKey'), 'case-secret', caseHash(workflowId)));
  }, 180_000);
});
