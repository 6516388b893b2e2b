/**
 * The Temporal Web UI at a secured frontend, as `npm run start:cluster` runs it: the real UI server
 * (ui-server 2.55.0, deploy/temporal-ui/config/production.yaml) shows its own client certificate to
 * the production server's mutual-TLS frontend and passes on, with every request, the access token
 * of the person signed in to it. The frontend trusts the identity provider's keys and decides on her
 * `permissions` claim: a supervisor reads programmes, a caseworker (no Temporal permission) reads
 * nothing, a request without a token is turned away by the UI server, and the supervisor's token
 * reads but cannot open a programme. The desk starts the server once the provider serves its keys,
 * in the same order as the local cluster. The app and the worker sign in at the same provider for
 * tokens of their own (client credentials), which last seconds here: they are renewed as they run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProgramme } from '../../client/openProgramme.js';
import { stopAllChildren, type Child } from '../../dev/childProcess.js';
import { ensureDevCodecFiles } from '../../dev/codec.js';
import { DEV_CODEC_AUDIENCE, startDevDesk, type DevDesk } from '../../dev/desk.js';
import { localIssuer } from '../../dev/identityProvider.js';
import { freePort } from '../../dev/ports.js';
import { createScratchDatabase, type ScratchDatabase } from '../../dev/scratchDatabase.js';
import { dropTemporalDatabases, migrateTemporalDatabases } from '../../dev/temporal-databases.js';
import { serviceClients, staffPermissions, startServerSecurity, type ProductionTemporalServer, type ServerSecurity } from '../../dev/temporal-production-server.js';
import { provisionTemporalProduction } from '../../dev/temporal-production.js';
import { startTemporalUi, TEMPORAL_UI_STARTED } from '../../dev/temporalUi.js';
import { programmeWorkflowId } from '../../domain/programme.js';
import { openDatabase } from '../../store/database.js';
import { migrate } from '../../store/migrate.js';
import { clientConnectionOptions, openConnection, openWorkerConnection } from '../../temporal/connection.js';
import * as M from '../../workflows/messages.js';
import { createProgrammeWorker } from '../../worker/worker.js';
import { WORKFLOW_BUNDLE } from '../reliability/support/stack.js';
import { signInTokens } from '../support/accessTokens.js';
import { programmeInput } from '../support/programmes.js';
import { machinePostgres } from './support/postgres.js';
import { testServer } from './support/testServer.js';

const NAMESPACE = 'prepared-return';
const PERMISSION_DENIED = 7;
const SERVICE_TOKEN_SECONDS = 4;
const SUPERVISOR = 'sup-ui';
const CASEWORKER = 'cw-ui';
const STAFF_YAML = `caseworkers:\n  ${CASEWORKER}: { name: Cora Caseworker, email: cora@staff.test, team: team-a }\nstaff:\n  ${SUPERVISOR}: { name: Sune Supervisor, role: supervisor }\nsupervisors: { emails: [supervisor@staff.test] }\nauthority: { emails: [return-agency@staff.test] }\n`;

const tools = provisionTemporalProduction();
const dir = mkdtempSync(join(tmpdir(), 'prepared-return-cluster-ui-'));
const databases = { main: `pr_cluster_ui_${process.pid}`, visibility: `pr_cluster_ui_${process.pid}_visibility` };
let security: ServerSecurity;
let server: ProductionTemporalServer;
let store: ScratchDatabase;
let desk: DevDesk;
let ui: Child;
let uiOrigin: string;
const caseRef = `UI-${Math.floor(1000 + Math.random() * 9000)}-1001`;

beforeAll(async () => {
  migrateTemporalDatabases(tools, machinePostgres(), databases);
  store = await createScratchDatabase('pr_cluster_ui');
  const db = openDatabase({ url: store.url, poolMax: 1 });
  await migrate(db);
  await db.close();

  const idpPort = await freePort();
  uiOrigin = `http://localhost:${await freePort()}`;
  // The app and the worker sign in at the provider for their own tokens, as in a deployment; the
  // frontend trusts the provider's keys for them and for the supervisor the Web UI passes on.
  const serviceTokens = { issuer: localIssuer('127.0.0.1', idpPort), clients: serviceClients(NAMESPACE) };
  security = await startServerSecurity(dir, { serviceTokens });
  server = await testServer({ name: 'cluster-ui', tools, databases, namespace: NAMESPACE, security });
  const staffDirectory = join(dir, 'staff.yaml');
  writeFileSync(staffDirectory, STAFF_YAML);
  desk = await startDevDesk({
    host: '127.0.0.1',
    webPort: await freePort(),
    idpPort,
    dataDir: dir,
    temporal: async () => {
      await server.start();
      return server.profile('app');
    },
    temporalPermissions: staffPermissions(NAMESPACE),
    services: Object.values(serviceTokens.clients),
    // Short-lived, so that the test below sees them renewed several times.
    serviceTokenTtl: SERVICE_TOKEN_SECONDS,
    staffDirectory,
    otherAudiences: [DEV_CODEC_AUDIENCE],
    temporalUiOrigin: uiOrigin,
    env: { PR_CODEC_KEYS_FILE: ensureDevCodecFiles(dir, NAMESPACE).keysFile, DATABASE_URL: store.url, PR_PSEUDONYM_KEY: randomBytes(32).toString('base64') },
  });

  ui = startTemporalUi({
    uiServer: tools.uiServer,
    temporalAddress: server.address,
    host: '127.0.0.1',
    port: Number(new URL(uiOrigin).port),
    namespace: NAMESPACE,
    origin: uiOrigin,
    codecEndpoint: '',
    logDir: dir,
    signIn: { providerUrl: desk.issuer, clientId: desk.temporalUiClient!.clientId, clientSecret: desk.temporalUiClient!.clientSecret, resource: DEV_CODEC_AUDIENCE },
    tls: server.uiTls(),
  });
  await ui.waitForOutput(TEMPORAL_UI_STARTED, 60_000);

  // The app opens a programme (no worker needed: its id and search attributes are there from the start).
  const connection = await openConnection(server.profile('app'));
  await openProgramme(new Client({ connection, namespace: NAMESPACE }), programmeInput(caseRef));
  await connection.close();
});

afterAll(async () => {
  await desk?.stop();
  await stopAllChildren();
  await security?.issuer.stop();
  await store?.drop();
  dropTemporalDatabases(tools, machinePostgres(), databases);
  rmSync(dir, { recursive: true, force: true });
});

/** What the UI server's client receives when `staffId` signs in to the UI (its ID token and the access token for the codec endpoint). */
async function signedInToUi(staffId: string): Promise<{ access: string; id: string }> {
  const client = desk.temporalUiClient!;
  const tokens = await signInTokens(desk, { clientId: client.clientId, clientSecret: client.clientSecret, callback: client.redirectUris[0]!, pkce: false }, staffId, { resource: DEV_CODEC_AUDIENCE });
  return { access: tokens.access_token, id: tokens.id_token! };
}

/**
 * The UI server's own API, as the UI in her browser calls it (the access token as the bearer, the
 * ID token beside it, which the UI server verifies): the programmes the frontend lets her see.
 */
async function programmesSeenBy(tokens: { access: string; id: string } | undefined): Promise<{ status: number; ids: string[] }> {
  const query = encodeURIComponent(`WorkflowId = "${programmeWorkflowId(caseRef)}"`);
  const headers: Record<string, string> = tokens ? { authorization: `Bearer ${tokens.access}`, 'authorization-extras': tokens.id } : {};
  const response = await fetch(`${uiOrigin}/api/v1/namespaces/${NAMESPACE}/workflows?query=${query}`, { headers });
  const body = (await response.json().catch(() => ({}))) as { executions?: Array<{ execution?: { workflowId?: string } }> };
  return { status: response.status, ids: (body.executions ?? []).map((e) => e.execution?.workflowId ?? '') };
}

describe('the Temporal Web UI at a frontend with mutual TLS and JWT authorisation', () => {
  it('shows a signed-in supervisor the programmes, on her own token through the UI server\'s certificate', async () => {
    const token = await signedInToUi(SUPERVISOR);
    // Visibility catches up within a second or two of the start.
    await expect.poll(async () => (await programmesSeenBy(token)).ids, { timeout: 20_000 }).toEqual([programmeWorkflowId(caseRef)]);
  });

  it('shows a caseworker nothing: her token carries no Temporal permission, and the frontend refuses it', async () => {
    const seen = await programmesSeenBy(await signedInToUi(CASEWORKER));
    expect(seen.ids).toEqual([]);
    expect(seen.status).toBe(403);
  });

  it('turns away a request without a token before it reaches the frontend', async () => {
    expect((await programmesSeenBy(undefined)).status).toBe(401);
  });

  it('lets the supervisor\'s token read at the frontend and nothing more: it cannot open a programme', async () => {
    const { access } = await signedInToUi(SUPERVISOR);
    const connection = await Connection.connect({ ...clientConnectionOptions(server.profile('ui')), metadata: { authorization: `Bearer ${access}` } });
    try {
      const reader = new Client({ connection, namespace: NAMESPACE });
      expect(await reader.workflow.count(`WorkflowId = "${programmeWorkflowId(caseRef)}"`)).toMatchObject({ count: 1 });
      const refused = await openProgramme(reader, programmeInput(`UI-${Math.floor(1000 + Math.random() * 9000)}-1002`)).then(
        () => undefined,
        (err: { code?: number; cause?: { code?: number } }) => err.code ?? err.cause?.code,
      );
      expect(refused).toBe(PERMISSION_DENIED);
    } finally {
      await connection.close();
    }
  });
});

describe('the services\' own tokens, from the identity provider', () => {
  it('keeps the worker and the app working across several renewals of tokens that last seconds', async () => {
    const app = await openConnection(server.profile('app'));
    const native = await openWorkerConnection(server.profile('worker'));
    try {
      const caseRef2 = `UI-${Math.floor(1000 + Math.random() * 9000)}-1003`;
      const client = new Client({ connection: app, namespace: NAMESPACE });
      const worker = await createProgrammeWorker({ connection: native, namespace: NAMESPACE, taskQueue: 'service-tokens', dataConverter: {}, workflowBundle: { codePath: WORKFLOW_BUNDLE } });
      await worker.runUntil(async () => {
        await openProgramme(client, programmeInput(caseRef2), { taskQueue: 'service-tokens' });
        const handle = client.workflow.getHandle(programmeWorkflowId(caseRef2));
        expect((await handle.query(M.statusQuery)).stage).toBe('reflection');
        // Three times the tokens' life: the first tokens of both have long expired by now.
        await new Promise((resolve) => setTimeout(resolve, 3 * SERVICE_TOKEN_SECONDS * 1000));
        // The app's command and the worker's answer to it each go out on a renewed token (an update
        // completes only once the worker has run it), and so does the worker's answer to a query.
        await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
        await expect(handle.query(M.statusQuery)).resolves.toMatchObject({ caseRef: caseRef2 });
        await handle.terminate('service token test done');
      });
    } finally {
      await native.close();
      await app.close();
    }
  });
});
