/**
 * Temporal goes away: the gateway answers 503 with Retry-After within 5 s and records nothing; when
 * Temporal is back (same SQLite file, same port), the partner's retry of the same event is delivered
 * and the programme records it exactly once. Runs its own dev server so it can stop and restart it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { openProgramme } from '../../client/openProgramme.js';
import { freePort } from '../../dev/ports.js';
import { startDevServer } from '../../dev/temporal-server.js';
import { TemporalProgrammes } from '../../gateway/programmes.js';
import { createProgrammeWorker } from '../../worker/worker.js';
import { statusQuery } from '../../workflows/messages.js';
import { startTestPeers } from '../support/peers.js';
import { CLIENTS, sampleData, signedEvent, testClients, testGateway } from '../support/gateway.js';
import { programmeInput } from '../support/programmes.js';
import { programmeBundle, testDataConverter, uniqueCaseRef, uniqueTaskQueue } from '../support/temporal.js';

const dataDir = mkdtempSync(join(tmpdir(), 'prepared-return-outage-'));
let server: TestWorkflowEnvironment | undefined;
afterAll(async () => {
  await server?.teardown().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('when Temporal is unreachable', () => {
  it('answers 503 within 5 s, and delivers the retry exactly once after a restart', async () => {
    const port = await freePort();
    const start = () => startDevServer({ port, dbFilename: join(dataDir, 'temporal.sqlite'), allowDownload: false, logLevel: 'error' });
    server = await start();
    const address = `127.0.0.1:${port}`;
    const connection = Connection.lazy({ address });
    const client = new Client({ connection, namespace: 'default', dataConverter: testDataConverter() });
    const keys = testClients();
    const app = testGateway({ clients: keys.clients, programmes: new TemporalProgrammes(client) });
    const taskQueue = uniqueTaskQueue('gateway-outage');
    const caseRef = uniqueCaseRef();

    try {
      await openProgramme(client, programmeInput(caseRef), { taskQueue });
      const event = signedEvent(CLIENTS.agency, keys.secrets[CLIENTS.agency]!, 'person.missing', { ...sampleData('person.missing', caseRef), state: 'missing' });
      const webhookId = event.headers['webhook-id']!;
      /** The Return Agency's system sending (or retrying) the event: same id and body, fresh signature. */
      const attempt = async () => {
        const retry = signedEvent(CLIENTS.agency, keys.secrets[CLIENTS.agency]!, '', {}, { webhookId, body: event.body });
        const started = Date.now();
        const response = await app.inject({ method: 'POST', url: '/v1/events', headers: retry.headers, payload: retry.body });
        return { status: response.statusCode, ms: Date.now() - started, retryAfter: response.headers['retry-after'], body: response.json<Record<string, unknown>>() };
      };

      await server.teardown();
      server = undefined;
      for (let i = 0; i < 2; i++) {
        const refused = await attempt();
        expect(refused).toMatchObject({ status: 503, retryAfter: '5', body: { error: 'temporarily-unavailable' } });
        expect(refused.ms).toBeLessThan(5000);
      }

      server = await start();
      // The partner retries until it gets a 2xx, as Standard Webhooks senders do.
      let delivered = await attempt();
      const retriesFrom = Date.now();
      while (delivered.status === 503 && Date.now() - retriesFrom < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        delivered = await attempt();
      }
      expect(delivered.status).toBe(202);
      expect((await attempt()).status).toBe(202); // one redelivery more: still recorded once

      // A worker on the restarted server runs the programme; it recorded the event exactly once.
      const peers = await startTestPeers();
      const workerConnection = await NativeConnection.connect({ address });
      try {
        const worker = await createProgrammeWorker({ connection: workerConnection, namespace: 'default', dataConverter: testDataConverter(), taskQueue, workflowBundle: programmeBundle(), activities: peers.activities });
        const status = await worker.runUntil(async () => {
          const handle = client.workflow.getHandle(`return-programme-${caseRef}`);
          for (;;) {
            const s = await handle.query(statusQuery);
            if (s.timeline.some((e) => e.kind === 'personMissing')) return s;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        });
        const entries = status.timeline.filter((e) => e.eventId === delivered.body.eventId);
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ kind: 'personMissing', by: `return-agency:${CLIENTS.agency}`, result: 'recorded' });
        // From outside, a missing report waits for the caseworker's confirmation before the closure clock runs.
        expect(status.eventsToConfirm?.map((e) => [e.kind, e.state])).toEqual([['personMissing', 'pending']]);
      } finally {
        await workerConnection.close();
        await peers.stop();
      }
    } finally {
      await app.close();
      await connection.close();
    }
  }, 120_000);
});
