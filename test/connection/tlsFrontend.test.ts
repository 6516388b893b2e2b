/**
 * A Temporal frontend that speaks TLS only and asks every caller for a client certificate (the run's
 * dev server behind a TLS-terminating proxy, certificates made for the test): a real worker, the
 * caseworker's command line and the partner gateway process connect through it configured by the
 * connection profile alone, its variables or a profile file, each with its own client certificate.
 * Each refuses a server whose certificate does not match, another certificate authority's or one for
 * another name, and says which; a caller in plain text or without a certificate hears that too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { createLedgerActivities } from '../../activities/ledger.js';
import { openProgramme } from '../../client/openProgramme.js';
import { Child, stopAllChildren } from '../../dev/childProcess.js';
import { freePort } from '../../dev/ports.js';
import { ensureTemporalCertificates, type TemporalCaller } from '../../dev/temporal-certificates.js';
import { programmeWorkflowId } from '../../domain/programme.js';
import { openConnection, openWorkerConnection } from '../../temporal/connection.js';
import { loadTemporalProfile, localServerProfile } from '../../temporal/profile.js';
import { createProgrammeWorker } from '../../worker/worker.js';
import { statusQuery } from '../../workflows/messages.js';
import { cliFor, REPO } from '../client/runCli.js';
import { runStore } from '../support/database.js';
import { CLIENTS, newSecret, post, sampleData, signedEvent } from '../support/gateway.js';
import { programmeInput } from '../support/programmes.js';
import { programmeBundle, testDataConverter, uniqueCaseRef, uniqueTaskQueue } from '../support/temporal.js';
import { startTlsFrontend, type TlsFrontend } from '../support/tlsFrontend.js';

const dir = mkdtempSync(join(tmpdir(), 'pr-tls-frontend-'));
const certificates = ensureTemporalCertificates(join(dir, 'tls'));
/** Another topology's certificate authority: its server certificate is one ours must not trust. */
const stranger = ensureTemporalCertificates(join(dir, 'stranger'));
/** No profile file of the machine's user reaches the processes below. */
const home = { HOME: join(dir, 'home'), XDG_CONFIG_HOME: join(dir, 'home', '.config') };
let frontend: TlsFrontend;

beforeAll(async () => {
  frontend = await startTlsFrontend(inject('temporalAddress'), certificates);
});
afterAll(async () => {
  await stopAllChildren();
  await frontend?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The connection profile of `caller` as variables: the frontend, our certificate authority, its own certificate. */
const profileEnv = (caller: TemporalCaller, overrides: Record<string, string> = {}): Record<string, string> => ({
  ...home,
  TEMPORAL_ADDRESS: frontend.address,
  TEMPORAL_NAMESPACE: inject('temporalNamespace'),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificates.caCert,
  TEMPORAL_TLS_SERVER_NAME: certificates.serverName,
  TEMPORAL_TLS_CLIENT_CERT_PATH: certificates.clients[caller].cert,
  TEMPORAL_TLS_CLIENT_KEY_PATH: certificates.clients[caller].key,
  ...overrides,
});
const WRONG_AUTHORITY = { TEMPORAL_TLS_SERVER_CA_CERT_PATH: stranger.caCert };
const WRONG_NAME = { TEMPORAL_TLS_SERVER_NAME: 'elsewhere.example' };
const NOT_OUR_AUTHORITY = 'its certificate is not signed by the certificate authority we trust: check TEMPORAL_TLS_SERVER_CA_CERT_PATH.';
const NOT_ITS_NAME = 'its certificate is not for the name elsewhere.example: check TEMPORAL_TLS_SERVER_NAME.';
const cannotReach = (why: string) => `Cannot reach the Temporal server at ${frontend.address}: ${why}`;

async function refusal(connecting: Promise<{ close(): Promise<void> }>): Promise<string> {
  try {
    await (await connecting).close();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the connection was made');
}

describe('a TLS-only Temporal frontend', () => {
  it('refuses a caller in plain text or without a client certificate, and the words say which', async () => {
    expect(await refusal(openConnection(localServerProfile(frontend.address, 'default'), { connectTimeout: '2s' }))).toBe(
      cannotReach('it expects TLS: set TEMPORAL_TLS=true, or the TEMPORAL_TLS_* settings of its certificates.'),
    );
    const { TEMPORAL_TLS_CLIENT_CERT_PATH: _cert, TEMPORAL_TLS_CLIENT_KEY_PATH: _key, ...anonymous } = profileEnv('app');
    expect(await refusal(openWorkerConnection(loadTemporalProfile(anonymous)))).toBe(
      cannotReach('it asks for a client certificate: set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH.'),
    );
  });

  it('serves a real worker, and the command line configured by its variables or by a profile file', async () => {
    const taskQueue = uniqueTaskQueue('tls-frontend');
    const caseRef = uniqueCaseRef('TLS');
    const profileFile = join(dir, 'temporal.toml');
    const tls = { server_name: certificates.serverName, server_ca_cert_path: certificates.caCert, client_cert_path: certificates.clients.app.cert, client_key_path: certificates.clients.app.key };
    writeFileSync(
      profileFile,
      [
        '[profile.centre]',
        `address = "${frontend.address}"`,
        `namespace = "${inject('temporalNamespace')}"`,
        '[profile.centre.tls]',
        ...Object.entries(tls).map(([key, value]) => `${key} = "${value}"`),
      ].join('\n'),
    );
    // The variables the test server's own command line uses are left out: the profile says it all.
    const byVariables = cliFor(taskQueue, profileEnv('app'));
    const byProfileFile = cliFor(taskQueue, { ...home, TEMPORAL_ADDRESS: undefined, TEMPORAL_NAMESPACE: undefined, TEMPORAL_CONFIG_FILE: profileFile, TEMPORAL_PROFILE: 'centre' });
    const caseFile = join(dir, 'case.yaml');
    const today = new Date().toISOString();
    const consent = { at: today, source: 'interpreter', recordedBy: 'cw-test' };
    writeFileSync(caseFile, stringify({ caseRef, homeCountry: 'RO', language: 'en', victimAssessment: { decidedBy: 'cw-test', decidedAt: today }, consent: { participation: consent, sharing: consent, followUp: consent } }));

    const worker = loadTemporalProfile(profileEnv('worker'));
    const connection = await openWorkerConnection(worker);
    const app = new Client({ connection: await openConnection(loadTemporalProfile(profileEnv('app'))), namespace: worker.namespace, dataConverter: testDataConverter() });
    try {
      const programmes = await createProgrammeWorker({
        connection,
        namespace: worker.namespace,
        dataConverter: testDataConverter(),
        taskQueue,
        workflowBundle: programmeBundle(),
        activities: createLedgerActivities(runStore()),
      });
      await programmes.runUntil(async () => {
        const opened = await byVariables('open', '--file', caseFile);
        expect(opened.stderr).toBe('');
        expect(opened.stdout).toContain(`Opened the programme for ${caseRef} → RO`);
        // The worker answers the query through the frontend: it polls there with its own certificate.
        const status = await byProfileFile('status', caseRef, '--json');
        expect(status.stderr).toBe('');
        expect(JSON.parse(status.stdout)).toMatchObject({ caseRef, stage: 'reflection' });
        expect((await app.workflow.getHandle(programmeWorkflowId(caseRef)).query(statusQuery)).stage).toBe('reflection');
      });
    } finally {
      await app.workflow.getHandle(programmeWorkflowId(caseRef)).terminate('TLS frontend test done').catch(() => undefined);
      await app.connection.close();
      await connection.close();
    }
  });

  it('serves the partner gateway process configured by the variables alone', async () => {
    const caseRef = uniqueCaseRef('TLS');
    const gateway = await startGateway('gateway-tls', profileEnv('gateway'));
    await gateway.child.waitForOutput('partner gateway on', 60_000);
    const app = new Client({ connection: await openConnection(loadTemporalProfile(profileEnv('app'))), namespace: inject('temporalNamespace'), dataConverter: testDataConverter() });
    try {
      // No worker is needed: the gateway reads the programme's description and signals it.
      await openProgramme(app, programmeInput(caseRef), { taskQueue: uniqueTaskQueue('tls-gateway') });
      const delivered = await post(gateway.url, signedEvent(CLIENTS.agency, gateway.secret, 'person.missing', sampleData('person.missing', caseRef)));
      expect(delivered.status).toBe(202);
      expect(gateway.child.tail).not.toContain('Cannot reach');
    } finally {
      await app.workflow.getHandle(programmeWorkflowId(caseRef)).terminate('TLS frontend test done').catch(() => undefined);
      await app.connection.close();
      await gateway.child.stop();
    }
  });

  it('is refused by the worker, the command line and the gateway when its certificate is another authority’s or for another name', async () => {
    const cli = (overrides: Record<string, string>) => cliFor('unused-task-queue', profileEnv('app', overrides))('status', uniqueCaseRef('TLS'));
    const gateways = await Promise.all([startGateway('gateway-wrong-authority', profileEnv('gateway', WRONG_AUTHORITY)), startGateway('gateway-wrong-name', profileEnv('gateway', WRONG_NAME))]);
    const [authority, name] = await Promise.all([cli(WRONG_AUTHORITY), cli(WRONG_NAME)]);
    expect(authority).toMatchObject({ code: 4, stderr: `${cannotReach(NOT_OUR_AUTHORITY)}\n` });
    expect(name).toMatchObject({ code: 4, stderr: `${cannotReach(NOT_ITS_NAME)}\n` });

    expect(await refusal(openWorkerConnection(loadTemporalProfile(profileEnv('worker', WRONG_AUTHORITY))))).toBe(cannotReach(NOT_OUR_AUTHORITY));
    expect(await refusal(openWorkerConnection(loadTemporalProfile(profileEnv('worker', WRONG_NAME))))).toBe(cannotReach(NOT_ITS_NAME));

    // The gateway starts all the same (partners get 503 and retry) and says at once why Temporal is out of reach.
    for (const [gateway, why] of [[gateways[0], NOT_OUR_AUTHORITY], [gateways[1], NOT_ITS_NAME]] as const) {
      await gateway.child.waitForOutput(`partner gateway: ${cannotReach(why)}`, 30_000);
      const refused = await post(gateway.url, signedEvent(CLIENTS.agency, gateway.secret, 'person.missing', sampleData('person.missing', uniqueCaseRef('TLS'))));
      expect(refused.status).toBe(503);
      await gateway.child.stop();
    }
  });
});

/** `npm run gateway`'s entry point on a free port, with one client (the Return Agency's system) and `profile` for Temporal. */
async function startGateway(name: string, profile: Record<string, string>): Promise<{ child: Child; url: string; secret: string }> {
  const port = await freePort();
  const secret = newSecret();
  const clientsFile = join(dir, `${name}-clients.yaml`);
  writeFileSync(clientsFile, stringify({ clients: [{ id: CLIENTS.agency, role: 'return-agency', secretEnv: ['GATEWAY_SECRET_AGENCY'] }] }));
  const child = new Child({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', join(REPO, 'gateway', 'main.ts')],
    cwd: REPO,
    logDir: join(dir, 'logs'),
    env: {
      PATH: process.env.PATH ?? '',
      ...profile,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      GATEWAY_CLIENTS: clientsFile,
      GATEWAY_SECRET_AGENCY: secret,
      DATABASE_URL: inject('databaseUrl'),
      PR_PSEUDONYM_KEY: inject('pseudonymKey'),
      PR_CODEC_KEYS_FILE: inject('codecKeysFile'),
    },
  });
  return { child, url: `http://127.0.0.1:${port}`, secret };
}
