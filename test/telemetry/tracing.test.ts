/**
 * One trace from the caseworker's client through the programme to its activities: the worker and
 * the client run with the tracing plugin (telemetry/tracing.ts), spans go by OTLP/HTTP to a
 * collector on loopback (a real HTTP receiver of the exporter's JSON), and the client's start, the
 * workflow's run and the activities it ran share one trace id, each span under its parent.
 */
import { createServer, type Server } from 'node:http';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openProgramme } from '../../client/openProgramme.js';
import { closeServer } from '../../dev/httpServer.js';
import { freePort } from '../../dev/ports.js';
import { installTracing, type Tracing } from '../../telemetry/tracing.js';
import { createProgrammeWorker } from '../../worker/worker.js';
import * as M from '../../workflows/messages.js';
import { startTestPeers, type TestPeers } from '../support/peers.js';
import { eventually } from '../support/harness.js';
import { programmeInput } from '../support/programmes.js';
import { testDataConverter, uniqueCaseRef, uniqueTaskQueue } from '../support/temporal.js';

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

const spans: Span[] = [];
let collector: Server;
let tracing: Tracing;
let peers: TestPeers;

beforeAll(async () => {
  const port = await freePort();
  collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const sent = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Span[] }> }> };
        for (const resource of sent.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen({ host: '127.0.0.1', port }, resolve));
  tracing = installTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` }, 'prepared-return-test')!;
  peers = await startTestPeers();
});

afterAll(async () => {
  await tracing?.shutdown();
  await peers?.stop();
  await closeServer(collector);
});

describe('tracing', () => {
  it('follows a programme from the client through the workflow to its activities in one trace', async () => {
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection, namespace: inject('temporalNamespace'), dataConverter: testDataConverter(), plugins: [tracing.plugin] });
    const taskQueue = uniqueTaskQueue('tracing');
    const caseRef = uniqueCaseRef();
    // Bundled from source: the tracing plugin adds its workflow interceptors to the bundle.
    const worker = await createProgrammeWorker({
      connection,
      namespace: inject('temporalNamespace'),
      dataConverter: testDataConverter(),
      taskQueue,
      activities: peers.activities,
      plugins: [tracing.plugin],
    });
    await worker.runUntil(async () => {
      const { handle } = await openProgramme(client, programmeInput(caseRef), { taskQueue });
      await handle.executeUpdate(M.updates.recordAssessment, { args: [{ by: 'cw-test', riskLevel: 'medium', needs: ['housing'] }] });
      // The referral request reaches the partner: an activity has run.
      await eventually(() => peers.partner.requests.filter((r) => r.body.includes(caseRef)), 'referral request delivered');
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
      await handle.result();
    });
    await connection.close();

    const [start] = await eventually(() => spans.filter((s) => s.name === 'StartWorkflow:returnProgramme'), 'the client span exported');
    const trace = () => spans.filter((s) => s.traceId === start!.traceId);
    // Spans arrive in batches, the workflow's through the worker's sink: wait for both kinds.
    await eventually(() => trace().filter((s) => s.name.startsWith('RunActivity:')), 'an activity span in the trace');
    await eventually(() => trace().filter((s) => s.name === 'RunWorkflow:returnProgramme'), 'the workflow span in the trace');
    const names = trace().map((s) => s.name);
    const byId = new Map(trace().map((s) => [s.spanId, s]));
    const run = trace().find((s) => s.name === 'RunWorkflow:returnProgramme');
    expect(run, `spans of the trace: ${names.join(', ')}`).toBeDefined();
    expect(run!.parentSpanId).toBe(start!.spanId);
    // Each activity span hangs from the workflow's span that scheduled it, up to the client's start.
    const activity = trace().find((s) => s.name.startsWith('RunActivity:'))!;
    let ancestor: Span | undefined = activity;
    while (ancestor?.parentSpanId) ancestor = byId.get(ancestor.parentSpanId);
    expect(ancestor?.spanId, `the root of ${activity.name}`).toBe(start!.spanId);
  });
});
