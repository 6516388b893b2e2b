/**
 * Security at the Temporal layer: the production server requires mutual TLS at its frontend
 * (certificates made for this topology) and authorises every call with a JWT from the local token
 * issuer, through the server's default JWT claim mapper and our build's authorizer (the default rules,
 * and the worker role may poll and complete tasks). Callers without a certificate, or with one but
 * without a valid token, are refused; each caller can do what its permissions allow and no more; and
 * the real worker runs programmes on its own certificate and token, yet cannot start, signal, update
 * or end one.
 * A caller whose certificates do not match the frontend's hears which setting to check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, type ConnectionOptions, type TLSConfig } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProgramme } from '../../client/openProgramme.js';
import { stopAllChildren } from '../../dev/childProcess.js';
import { ensureTemporalCertificates, type TemporalCaller } from '../../dev/temporal-certificates.js';
import { dropTemporalDatabases, migrateTemporalDatabases } from '../../dev/temporal-databases.js';
import { permissionsOf, startServerSecurity, type ProductionTemporalServer, type ServerSecurity } from '../../dev/temporal-production-server.js';
import { provisionTemporalProduction } from '../../dev/temporal-production.js';
import { TokenIssuer } from '../../dev/tokenIssuer.js';
import { programmeWorkflowId } from '../../domain/programme.js';
import { clientConnectionOptions, openConnection, openWorkerConnection } from '../../temporal/connection.js';
import { loadTemporalProfile } from '../../temporal/profile.js';
import * as M from '../../workflows/messages.js';
import { createProgrammeWorker } from '../../worker/worker.js';
import { programmeInput } from '../support/programmes.js';
import { ROOT, WORKFLOW_BUNDLE } from '../reliability/support/stack.js';
import { programmeSearchAttributes } from '../../domain/searchAttributes.js';
import { machinePostgres } from './support/postgres.js';
import { testServer } from './support/testServer.js';

const NAMESPACE = 'prepared-return';
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;
const tools = provisionTemporalProduction();
const dir = mkdtempSync(join(tmpdir(), 'prepared-return-cluster-security-'));
const databases = { main: `pr_cluster_security_${process.pid}`, visibility: `pr_cluster_security_${process.pid}_visibility` };
let security: ServerSecurity;
let server: ProductionTemporalServer;
const open: Connection[] = [];

beforeAll(async () => {
  migrateTemporalDatabases(tools, machinePostgres(), databases);
  security = await startServerSecurity(dir);
  server = await testServer({ name: 'cluster-security', tools, databases, namespace: NAMESPACE, security });
  // Starting includes registering the namespace and search attributes with the admin's certificate and token.
  await server.start();
});

afterAll(async () => {
  for (const connection of open) await connection.close().catch(() => undefined);
  await stopAllChildren();
  await security?.issuer.stop();
  dropTemporalDatabases(tools, machinePostgres(), databases);
  rmSync(dir, { recursive: true, force: true });
});

async function connect(options: ConnectionOptions): Promise<Connection> {
  const connection = await Connection.connect({ connectTimeout: 5000, ...options });
  open.push(connection);
  return connection;
}

const describeNamespace = (connection: Connection) => connection.workflowService.describeNamespace({ namespace: NAMESPACE });
/** How `caller` connects: its connection profile (its certificate and token) through the one connection module. */
const optionsOf = (caller: TemporalCaller): ConnectionOptions => clientConnectionOptions(server.profile(caller));
const withToken = (token: string) => ({ ...optionsOf('app'), metadata: { authorization: `Bearer ${token}` } });

async function refusal(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
  } catch (err) {
    // The client wraps some refusals (a start is a ServiceError whose cause carries the gRPC status).
    const e = err as { code?: number; cause?: { code?: number } };
    return e.code ?? e.cause?.code;
  }
  throw new Error('the call was allowed');
}

describe('the Temporal frontend with mutual TLS and JWT authorisation', () => {
  it('refuses a client without a certificate, in plain text or over TLS', async () => {
    await expect(connect({ address: server.address })).rejects.toThrow();
    const tls = optionsOf('app').tls as TLSConfig;
    await expect(connect({ address: server.address, tls: { serverRootCACertificate: tls.serverRootCACertificate, serverNameOverride: tls.serverNameOverride } })).rejects.toThrow();
  });

  it('is named as the reason when a caller trusts another authority, expects another name, or shows no certificate', async () => {
    const stranger = ensureTemporalCertificates(join(dir, 'stranger'));
    const { TEMPORAL_TLS_CLIENT_CERT_PATH: _cert, TEMPORAL_TLS_CLIENT_KEY_PATH: _key, ...anonymous } = server.profileEnv('app');
    const words = (env: Record<string, string>): Promise<string> =>
      openConnection(loadTemporalProfile(env)).then(
        async (connection) => (await connection.close(), 'connected'),
        (err: Error) => err.message,
      );
    const [authority, name, certificate] = await Promise.all([
      words({ ...server.profileEnv('app'), TEMPORAL_TLS_SERVER_CA_CERT_PATH: stranger.caCert }),
      words({ ...server.profileEnv('app'), TEMPORAL_TLS_SERVER_NAME: 'elsewhere.example' }),
      words(anonymous),
    ]);
    const unreachable = `Cannot reach the Temporal server at ${server.address}`;
    expect(authority).toBe(`${unreachable}: its certificate is not signed by the certificate authority we trust: check TEMPORAL_TLS_SERVER_CA_CERT_PATH.`);
    expect(name).toBe(`${unreachable}: its certificate is not for the name elsewhere.example: check TEMPORAL_TLS_SERVER_NAME.`);
    expect(certificate).toBe(`${unreachable}: it asks for a client certificate: set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH.`);
  });

  it('refuses a client with a certificate but no valid token: none, forged, expired, or for another namespace', async () => {
    const { metadata: _ignored, ...certificateOnly } = optionsOf('app');
    // The client asks for the server's capabilities as it connects: a refusal can come there already.
    const call = (options: Parameters<typeof connect>[0]) => refusal(connect(options).then(describeNamespace));
    expect(await call(certificateOnly)).toBe(PERMISSION_DENIED);
    const forged = TokenIssuer.unknownToTheServer().issue({ subject: 'app', permissions: permissionsOf('app', NAMESPACE) });
    expect([PERMISSION_DENIED, UNAUTHENTICATED]).toContain(await call(withToken(forged)));
    const expired = security.issuer.issue({ subject: 'app', permissions: permissionsOf('app', NAMESPACE), ttlSeconds: -60 });
    expect([PERMISSION_DENIED, UNAUTHENTICATED]).toContain(await call(withToken(expired)));
    const elsewhere = security.issuer.issue({ subject: 'app', permissions: ['other-namespace:write'] });
    expect(await call(withToken(elsewhere))).toBe(PERMISSION_DENIED);
  });

  it('lets each caller do what its permissions allow and no more', async () => {
    const app = new Client({ connection: await connect(optionsOf('app')), namespace: NAMESPACE });
    const reader = new Client({ connection: await connect(withToken(security.issuer.issue({ subject: 'ui', permissions: permissionsOf('ui', NAMESPACE) }))), namespace: NAMESPACE });
    const worker = await connect(optionsOf('worker'));
    const workerClient = new Client({ connection: worker, namespace: NAMESPACE });

    // The Web UI's permission reads, never writes: it cannot open a programme.
    await reader.workflow.count();
    const caseRef = `SEC-${Math.floor(1000 + Math.random() * 9000)}-1001`;
    expect(await refusal(openProgramme(reader, programmeInput(caseRef), { taskQueue: 'security' }))).toBe(PERMISSION_DENIED);
    // Only provisioning holds admin: the worker's permission cannot register search attributes or change the namespace.
    expect(await refusal(worker.operatorService.addSearchAttributes({ namespace: NAMESPACE, searchAttributes: { Forged: 2 } }))).toBe(PERMISSION_DENIED);
    expect(await refusal(worker.workflowService.updateNamespace({ namespace: NAMESPACE, updateInfo: { description: 'taken over' } }))).toBe(PERMISSION_DENIED);

    // What only the app (and the gateway) may do, the worker's token may not: open a programme.
    expect(permissionsOf('worker', NAMESPACE)).not.toContain(`${NAMESPACE}:write`);
    expect(await refusal(openProgramme(workerClient, programmeInput(caseRef), { taskQueue: 'security' }))).toBe(PERMISSION_DENIED);

    // The real worker polls with its own certificate and token and runs the programme the app opened.
    const native = await openWorkerConnection(server.profile('worker'));
    const programmeWorker = await createProgrammeWorker({ connection: native, namespace: NAMESPACE, taskQueue: 'security', dataConverter: {}, workflowBundle: { codePath: WORKFLOW_BUNDLE } });
    await programmeWorker.runUntil(async () => {
      await openProgramme(app, programmeInput(caseRef), { taskQueue: 'security' });
      const handle = app.workflow.getHandle(programmeWorkflowId(caseRef));
      expect((await handle.query(M.statusQuery)).stage).toBe('reflection');
      // Under the token it polls with, the worker cannot act on the programme from outside: no
      // signal, update or termination (the frontend refuses before the workflow hears of it).
      const asWorker = workerClient.workflow.getHandle(programmeWorkflowId(caseRef));
      expect(await refusal(asWorker.signal(Object.keys(M.signals)[0] ?? 'any', {}))).toBe(PERMISSION_DENIED);
      expect(await refusal(asWorker.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] }))).toBe(PERMISSION_DENIED);
      expect(await refusal(asWorker.terminate('taken over'))).toBe(PERMISSION_DENIED);
      // It reads, as the worker needs to (its escalation gauge counts programmes).
      await workerClient.workflow.count();
      // The worker completes the app's command under its own token. (The programme then waits for its
      // ledger records, which this worker, running no activities, does not write: the test ends it.)
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
      await handle.terminate('security test done');
    });
    await native.close();
  });

  it('prepares a namespace with `npm run temporal:namespace` for its admin, and refuses the worker\'s permission', async () => {
    const other = `prepared-return-prepared-${process.pid}`;
    // Provisioning holds admin of its own namespace only, nothing cluster-wide: that is enough.
    const admin = { ...server.profileEnv('admin'), TEMPORAL_NAMESPACE: other, TEMPORAL_GRPC_META_AUTHORIZATION: `Bearer ${security.issuer.issue({ subject: 'admin', permissions: permissionsOf('admin', other) })}` };
    const prepare = (profile: Record<string, string>, retentionDays = '7') =>
      spawnSync(process.execPath, ['--import', 'tsx', 'temporal/prepare.ts'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TEMPORAL_NAMESPACE: other, ...profile, PR_NAMESPACE_RETENTION_DAYS: retentionDays },
      });
    const refused = prepare(server.profileEnv('worker'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^the namespace could not be prepared: .*PERMISSION_DENIED/m);
    const done = prepare(admin);
    expect(done.stderr).toBe('');
    expect(done.stdout).toContain(`namespace ${other} ready on ${server.address}: retention 7 days`);
    // As the server sees it: the retention, and every search attribute the programmes are found by.
    const connection = await openConnection(loadTemporalProfile(admin));
    open.push(connection);
    const described = await connection.workflowService.describeNamespace({ namespace: other });
    expect(Number(described.config?.workflowExecutionRetentionTtl?.seconds)).toBe(7 * 86400);
    const attributes = await connection.operatorService.listSearchAttributes({ namespace: other });
    expect(Object.keys(attributes.customAttributes ?? {}).sort()).toEqual(programmeSearchAttributes.map((key) => key.name).sort());
    // Run again, it keeps what is there, and says so when the setting differs.
    const again = prepare(admin, '30');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('retention 7 days');
    expect(again.stderr).toContain('keeps its retention of 7 days, not PR_NAMESPACE_RETENTION_DAYS=30');
  });
});
