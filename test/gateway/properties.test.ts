/**
 * Property-based tests of verification and routing (10,200 generated requests), through
 * `fastify.inject()` in front of the real Temporal programmes: whatever arrives, the gateway never
 * answers 5xx, and nothing that is unsigned, stale, future-dated, signed by someone else or changed
 * in a single byte produces a signal. Each property starts from a request that would be accepted,
 * so a refusal is the gateway's doing, not an accident of the data.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireTypes, type WireType } from '../../gateway/events.js';
import { partnerAsked, recordAssessment } from '../support/drive.js';
import { useHarness } from '../support/harness.js';
import { CLIENTS, newSecret, sampleData, signedEvent, useRecordingGateway, type SignedRequest } from '../support/gateway.js';
import { uniqueCaseRef } from '../support/temporal.js';

const h = useHarness();
// No refusal floor: these properties are about verification and routing, and run by the thousand.
const gateway = useRecordingGateway(() => h.env.client, { refusalFloorMs: 0 });

const PRINTABLE = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));
const printable = (maxLength: number) => fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength });
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function send(request: SignedRequest | { headers: Record<string, string>; body: string | Buffer }) {
  const response = await gateway.app.inject({ method: 'POST', url: '/v1/events', headers: request.headers, payload: request.body });
  return response.statusCode;
}

/** Runs `check` and fails when it produced a signal. */
async function withoutSignal<T>(check: () => Promise<T>): Promise<T> {
  const before = gateway.programmes.signals.length;
  const result = await check();
  expect(gateway.programmes.signals.length).toBe(before);
  return result;
}

describe('generated requests', () => {
  it('never produce a 5xx or a signal unless signed, fresh and authorised', async () => {
    await h.run({}, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, CLIENTS.asked);
      const secret = gateway.keys.secrets[CLIENTS.asked]!;
      /** A request the gateway accepts as it is. */
      const acceptable = (type: WireType = 'concern.raised', at = new Date()) => signedEvent(CLIENTS.asked, secret, type, sampleData(type, caseRef), { at });

      // The base request really is accepted and signalled: every refusal below is the change's doing.
      const before = gateway.programmes.signals.length;
      expect(await send(acceptable())).toBe(202);
      expect(gateway.programmes.signals.length).toBe(before + 1);

      // 1. Anything at all, unsigned: headers present or not, well-formed or not, any body.
      const headerValue = (valid: fc.Arbitrary<string>) => fc.option(fc.oneof(valid, printable(120)), { nil: undefined });
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            client: headerValue(fc.constantFrom(...Object.values(CLIENTS), 'nobody-here')),
            id: headerValue(fc.stringMatching(/^[A-Za-z0-9_.-]{1,100}$/)),
            timestamp: headerValue(fc.integer({ min: nowSeconds() - 1000, max: nowSeconds() + 1000 }).map(String)),
            signature: headerValue(fc.array(fc.base64String({ minLength: 44, maxLength: 44 }).map((s) => `v1,${s}`), { minLength: 1, maxLength: 3 }).map((s) => s.join(' '))),
            contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
            body: fc.oneof(
              fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
              fc.json().map((j) => Buffer.from(j)),
              fc.constantFrom(...wireTypes).map((t) => Buffer.from(JSON.stringify({ type: t, data: sampleData(t, caseRef) }))),
            ),
          }),
          async (r) => {
            const headers: Record<string, string> = { 'content-type': r.contentType };
            if (r.client !== undefined) headers['x-partner-id'] = r.client;
            if (r.id !== undefined) headers['webhook-id'] = r.id;
            if (r.timestamp !== undefined) headers['webhook-timestamp'] = r.timestamp;
            if (r.signature !== undefined) headers['webhook-signature'] = r.signature;
            const status = await withoutSignal(() => send({ headers, body: r.body }));
            expect([401, 415]).toContain(status);
          },
        ),
        { numRuns: 3000 },
      );

      // 2. Signed with the right secret, but stale or future-dated by more than 300 s.
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...wireTypes.filter((t) => !['departure.confirmed'].includes(t))),
          fc.integer({ min: 301, max: 10 * 365 * 86_400 }),
          fc.boolean(),
          async (type, offset, future) => {
            const at = new Date(Date.now() + (future ? offset + 1 : -offset - 1) * 1000);
            expect(await withoutSignal(() => send(acceptable(type, at)))).toBe(401);
          },
        ),
        { numRuns: 2000 },
      );

      // 3. Foreign: a secret the gateway does not know, or another client's secret under this name.
      const unknownSecrets = Array.from({ length: 5 }, () => newSecret());
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...wireTypes),
          fc.oneof(
            fc.constantFrom(...unknownSecrets).map((s) => ({ client: CLIENTS.asked as string, secret: s })),
            fc.constantFrom(CLIENTS.second, CLIENTS.stranger, CLIENTS.agency).map((other) => ({ client: CLIENTS.asked as string, secret: gateway.keys.secrets[other]! })),
            fc.constantFrom('nobody-here', 'tst-api-partner-2').map((client) => ({ client, secret })),
          ),
          async (type, { client, secret: signingSecret }) => {
            const request = signedEvent(client, signingSecret, type, sampleData(type, caseRef));
            expect(await withoutSignal(() => send(request))).toBe(401);
          },
        ),
        { numRuns: 2000 },
      );

      // 4. Any single byte changed in the body or in a signed header.
      const parts = ['body', 'x-partner-id', 'webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...parts), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.constantFrom(...wireTypes), async (part, position, delta, type) => {
          const request = acceptable(type === 'departure.confirmed' ? 'concern.raised' : type);
          if (part === 'body') {
            const bytes = Buffer.from(request.body);
            const i = position % bytes.length;
            bytes[i] = (bytes[i]! + delta) % 256;
            expect(await withoutSignal(() => send({ headers: request.headers, body: bytes }))).toBe(401);
          } else {
            const value = request.headers[part]!;
            const i = position % value.length;
            const code = value.charCodeAt(i) - 0x20;
            const changed = String.fromCharCode(0x20 + ((code + (delta % 94) + 1) % 95));
            const headers = { ...request.headers, [part]: value.slice(0, i) + changed + value.slice(i + 1) };
            expect(await withoutSignal(() => send({ headers, body: request.body }))).toBe(401);
          }
        }),
        { numRuns: 3000 },
      );

      // 5. Signed and fresh, from any client, about any case, with valid or damaged data: never a 5xx,
      //    and a signal exactly when the answer is 202.
      const unknownCase = uniqueCaseRef();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.values(CLIENTS)),
          fc.constantFrom(...wireTypes),
          fc.constantFrom(caseRef, unknownCase),
          fc.option(fc.dictionary(fc.constantFrom('at', 'state', 'kind', 'answer', 'scope', 'checkpoint', 'extra', 'caseRef'), fc.oneof(fc.string(), fc.integer(), fc.constant(null))), { nil: undefined }),
          async (client, type, target, damage) => {
            const data = { ...sampleData(type, target), ...(damage ?? {}) };
            const request = signedEvent(client, gateway.keys.secrets[client]!, type, data, { webhookId: `prop_${randomUUID()}` });
            const before = gateway.programmes.signals.length;
            const status = await send(request);
            expect(status).toBeLessThan(500);
            expect([202, 400, 403, 404, 410]).toContain(status);
            expect(gateway.programmes.signals.length).toBe(before + (status === 202 ? 1 : 0));
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
