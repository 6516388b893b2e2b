/**
 * What holds before a request is authenticated, so that anyone on the internet can cost the gateway
 * little: a per-source allowance taken before the body is read, a deadline for the whole request
 * (a body trickled byte by byte is cut off at the configured timeout, not held for a minute), and
 * unsigned floods summed into one log line instead of one line each.
 */
import { connect } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { TemporalProgrammes } from '../../gateway/programmes.js';
import { listeningGateway, testClients } from '../support/gateway.js';

// No request here is authenticated, so none reaches Temporal: the client points nowhere.
const programmes = new TemporalProgrammes(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }));
const keys = testClients();
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function gateway(options: Parameters<typeof listeningGateway>[0]): Promise<string> {
  const { app, url } = await listeningGateway(options);
  stops.push(() => app.close());
  return url;
}

const unsigned = (url: string) => fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"referral.answered","data":{}}' });

describe('before authentication', () => {
  it('cuts a body trickled byte by byte at the configured timeout with 408 and closes the connection', async () => {
    const url = new URL(await gateway({ clients: keys.clients, programmes, bodyTimeoutMs: 2_000 }));
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(`POST /v1/events HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{`);
    let answer = '';
    let closed = false;
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.once('close', () => (closed = true));
    socket.on('error', () => undefined);
    // One byte every 200 ms: the whole body would take over half an hour.
    let trickled = 1;
    while (!closed && trickled < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (!socket.destroyed) socket.write(' ');
      trickled += 1;
    }
    expect(closed, 'the gateway closed the connection').toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"error":"request-timeout"');
    // Cut while the sender was still trickling: after about 2 s of 200 ms steps, far from the whole body
    // (the old behaviour held it for 70-80 s, some 400 steps).
    expect(trickled).toBeLessThan(150);
  });

  it('refuses a source over its allowance with 429 before reading the body or checking a signature', async () => {
    const url = await gateway({ clients: keys.clients, programmes, sourceRateLimit: { perMinute: 1, burst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await unsigned(url)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await unsigned(url);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: 'rate-limited' });
  });

  it('logs a flood of unsigned requests as one line and a sum, not one line per request', async () => {
    const lines: Array<{ msg: string; total?: number; top?: Array<{ refusal: string; count: number }> }> = [];
    const { app, url } = await listeningGateway({
      clients: keys.clients,
      programmes,
      refusalLogIntervalMs: 60_000,
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } },
    });
    for (let i = 0; i < 200; i++) expect((await unsigned(url)).status).toBe(401);
    await app.close(); // closing logs what was collected
    const refusalLines = lines.filter((l) => /unauthenticated/.test(l.msg));
    expect(refusalLines.map((l) => l.msg)).toEqual(['event refused: unauthenticated', 'events refused: unauthenticated (summed)']);
    expect(refusalLines[1]!.total).toBe(199);
    expect(refusalLines[1]!.top).toEqual([{ refusal: 'malformed-headers', source: '127.0.0.1', count: 199 }]);
  });
});
