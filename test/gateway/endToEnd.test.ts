/**
 * The gateway in front of the real Temporal dev server and the real worker: events signed by the
 * independent `standardwebhooks` package reach the programme (seen in its `status` timeline),
 * redeliveries are recorded once, and the gateway's refusals say what is wrong.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_DATA, wireTypes } from '../../gateway/events.js';
import { WebhookVerifier } from '../../gateway/signature.js';
import { TemporalProgrammes } from '../../gateway/programmes.js';
import { partnerAsked, recordAssessment } from '../support/drive.js';
import { useHarness } from '../support/harness.js';
import { CLIENTS, listeningGateway, post, sampleData, signedEvent, testClients, testGateway, type TestClients } from '../support/gateway.js';
import { waitForStatus } from '../support/programmes.js';

const h = useHarness();
let keys: TestClients;
let gateway: { app: FastifyInstance; url: string };
/** A second replica: same clients, its own memory, as behind a load balancer. */
let replica: { app: FastifyInstance; url: string };

beforeAll(async () => {
  keys = testClients();
  gateway = await listeningGateway({ clients: keys.clients, programmes: new TemporalProgrammes(h.env.client) });
  replica = await listeningGateway({ clients: keys.clients, programmes: new TemporalProgrammes(h.env.client) });
});
afterAll(async () => {
  await gateway?.app.close();
  await replica?.app.close();
});

const asked = (type: Parameters<typeof sampleData>[0], caseRef: string, fields: Record<string, unknown> = {}, options?: Parameters<typeof signedEvent>[4]) =>
  signedEvent(CLIENTS.asked, keys.secrets[CLIENTS.asked]!, type, { ...sampleData(type, caseRef), ...fields }, options);

describe('events signed with the standardwebhooks package', () => {
  it('reach the programme once, however often they are delivered; a reused id with another body is flagged', async () => {
    await h.run({}, async (handle, caseRef) => {
      await recordAssessment(handle);
      await partnerAsked(handle, CLIENTS.asked);

      const ack = asked('referral.acknowledged', caseRef);
      const webhookId = ack.headers['webhook-id']!;
      const first = await post(gateway.url, ack);
      expect(first.status).toBe(202);
      expect(first.body.eventId).toMatch(new RegExp(`^${webhookId}:[A-Za-z0-9_-]{22}$`));
      const recorded = await waitForStatus(handle, (s) => s.timeline.some((e) => e.eventId === first.body.eventId), { what: 'the acknowledgement' });
      expect(recorded.timeline.find((e) => e.eventId === first.body.eventId)).toMatchObject({
        kind: 'referralAcknowledged',
        by: `partner:${CLIENTS.asked}`,
        result: 'recorded',
      });

      // The partner's retry: same id and body, new timestamp and signature, through the other replica.
      const body = ack.body;
      const retry = signedEvent(CLIENTS.asked, keys.secrets[CLIENTS.asked]!, '', {}, { webhookId, body, at: new Date(Date.now() + 1000) });
      expect(retry.headers['webhook-signature']).not.toBe(ack.headers['webhook-signature']);
      for (const url of [gateway.url, replica.url]) {
        const again = await post(url, retry);
        expect(again).toMatchObject({ status: 202, body: { eventId: first.body.eventId } });
      }
      const afterRetries = await waitForStatus(handle, (s) => s.duplicatesIgnored >= 2, { what: 'two repeats ignored' });
      expect(afterRetries.timeline.filter((e) => e.kind === 'referralAcknowledged')).toHaveLength(1);

      // The same id with another body: the replica that delivered it answers 409 …
      const changed = asked('referral.acknowledged', caseRef, { keyContact: 'key-2' }, { webhookId });
      expect(await post(gateway.url, changed)).toMatchObject({ status: 409, body: { error: 'webhook-id-reused' } });
      expect(await post(replica.url, changed)).toMatchObject({ status: 409 });
      // … and a replica that has not seen the id cannot drop it as a repeat: it reaches the programme
      // under its own eventId, beside the first in the timeline.
      const fresh = testGateway({ clients: keys.clients, programmes: new TemporalProgrammes(h.env.client) });
      const injected = await fresh.inject({ method: 'POST', url: '/v1/events', headers: changed.headers, payload: changed.body });
      await fresh.close();
      const elsewhere = { status: injected.statusCode, body: injected.json<Record<string, unknown>>() };
      expect(elsewhere.status).toBe(202);
      expect(elsewhere.body.eventId).not.toBe(first.body.eventId);
      expect(String(elsewhere.body.eventId).startsWith(`${webhookId}:`)).toBe(true);
      const both = await waitForStatus(handle, (s) => s.timeline.some((e) => e.eventId === elsewhere.body.eventId), { what: 'the changed body' });
      expect(both.timeline.filter((e) => e.eventId?.startsWith(`${webhookId}:`)).map((e) => e.result)).toEqual(['recorded', 'refused']);

      // A date before the programme opened is a mistake: refused with the field, nothing sent.
      const beforeOpening = await post(gateway.url, asked('referral.answered', caseRef, { answer: 'accept', at: '1970-01-01T00:00:00Z' }));
      expect(beforeOpening.status).toBe(400);
      expect(JSON.stringify(beforeOpening.body)).toContain('data.at');
      expect(JSON.stringify(beforeOpening.body)).toContain('after the programme opened');
      const inFuture = await post(gateway.url, asked('referral.answered', caseRef, { answer: 'accept', at: '2099-01-01T00:00:00Z' }));
      expect(inFuture.status).toBe(400);

      const accept = await post(gateway.url, asked('referral.answered', caseRef, { answer: 'accept', riskFeedback: 'agree' }));
      expect(accept.status).toBe(202);
      const travel = await waitForStatus(handle, (s) => s.stage === 'travel', { what: 'travel stage' });
      expect(travel.partner).toEqual({ id: CLIENTS.asked, state: 'accepted' });
    });
  });

  it('refuses what a role may not send, unknown fields and types, before looking at any programme', async () => {
    const caseRef = 'TST-2026-000001';
    const agency = signedEvent(CLIENTS.agency, keys.secrets[CLIENTS.agency]!, 'referral.answered', sampleData('referral.answered', caseRef));
    expect(await post(gateway.url, agency)).toMatchObject({ status: 403, body: { error: 'event-not-allowed' } });
    expect(await post(gateway.url, asked('departure.confirmed', caseRef))).toMatchObject({ status: 403 });

    const unknownField = await post(gateway.url, asked('concern.raised', caseRef, { colour: 'red', sender: { role: 'caseworker', id: 'cw-x' } }));
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.problems).toEqual(
      expect.arrayContaining([
        { field: 'data.colour', problem: 'unknown field (not part of this event type)' },
        { field: 'data.sender', problem: 'unknown field (not part of this event type)' },
      ]),
    );
    const eventIdInData = await post(gateway.url, asked('handover.confirmed', caseRef, { eventId: 'evt-1' }));
    expect(eventIdInData.body.problems).toEqual([{ field: 'data.eventId', problem: 'unknown field (not part of this event type)' }]);
    const envelopeField = await post(gateway.url, signedEvent(CLIENTS.asked, keys.secrets[CLIENTS.asked]!, '', {}, { body: JSON.stringify({ type: 'handover.confirmed', timestamp: 'x', data: sampleData('handover.confirmed', caseRef) }) }));
    expect(envelopeField.body.problems).toEqual([{ field: 'timestamp', problem: 'unknown field (not part of this event type)' }]);

    const unknownType = await post(gateway.url, asked('handover.confirmed', caseRef, {}, { body: JSON.stringify({ type: 'asylum.decided', data: {} }) }));
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.problems).toEqual([{ field: 'type', problem: expect.stringContaining('expected an event type: referral.acknowledged') }]);

    const badValue = await post(gateway.url, asked('person.missing', 'not a case', { state: 'lost' }));
    expect(badValue.body.problems).toEqual(
      expect.arrayContaining([
        { field: 'data.caseRef', problem: 'expected a case reference such as CMM-2026-0042' },
        { field: 'data.state', problem: 'expected missing or found' },
      ]),
    );
    expect(JSON.stringify(badValue.body)).not.toContain('not a case');

    const future = await post(gateway.url, asked('handover.confirmed', caseRef, { at: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.body.problems).toEqual([{ field: 'data.at', problem: 'expected a time that is not in the future' }]);
    const notJson = await post(gateway.url, asked('handover.confirmed', caseRef, {}, { body: '{"type":' }));
    expect(notJson).toMatchObject({ status: 400, body: { message: 'The body is not JSON (UTF-8).' } });
  });
});

describe('limits', () => {
  it('refuses a body over 64 KiB with 413 before any signature work, and other media types with 415', async () => {
    let verifications = 0;
    const counting = new (class extends WebhookVerifier {
      override verify(...args: Parameters<WebhookVerifier['verify']>) {
        verifications += 1;
        return super.verify(...args);
      }
    })(keys.clients.keys);
    const app = testGateway({ clients: keys.clients, programmes: new TemporalProgrammes(h.env.client), verifier: counting });
    const big = asked('concern.raised', 'TST-2026-000001', { padding: 'x'.repeat(64 * 1024) });
    const tooLarge = await app.inject({ method: 'POST', url: '/v1/events', headers: big.headers, payload: big.body });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: 'payload-too-large' });
    expect(verifications).toBe(0);

    const small = asked('concern.raised', 'TST-2026-000001');
    const text = await app.inject({ method: 'POST', url: '/v1/events', headers: { ...small.headers, 'content-type': 'text/plain' }, payload: small.body });
    expect(text.statusCode).toBe(415);
    expect(verifications).toBe(0);
    await app.close();
  });

  it('limits each partner on its own: 429 with Retry-After, the other partner unaffected', async () => {
    const app = testGateway({ clients: keys.clients, programmes: new TemporalProgrammes(h.env.client), rateLimit: { perMinute: 6, burst: 2 }, refusalFloorMs: 0 });
    const send = (clientId: string) => {
      const request = signedEvent(clientId, keys.secrets[clientId]!, 'concern.raised', sampleData('concern.raised', 'TST-2026-000002'));
      return app.inject({ method: 'POST', url: '/v1/events', headers: request.headers, payload: request.body });
    };
    expect((await send(CLIENTS.asked)).statusCode).toBe(404);
    expect((await send(CLIENTS.asked)).statusCode).toBe(404);
    const limited = await send(CLIENTS.asked);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(10);
    expect((await send(CLIENTS.second)).statusCode).toBe(404);
    // Forged requests in a partner's name do not use up its allowance.
    const forged = signedEvent(CLIENTS.second, keys.secrets[CLIENTS.asked]!, 'concern.raised', sampleData('concern.raised', 'TST-2026-000002'));
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'POST', url: '/v1/events', headers: forged.headers, payload: forged.body })).statusCode).toBe(401);
    expect((await send(CLIENTS.second)).statusCode).toBe(404);
    await app.close();
  });
});

describe('health and OpenAPI', () => {
  it('answers health and describes every event type with the schemas that validate it', async () => {
    const health = await fetch(`${gateway.url}/health`);
    expect(health.status).toBe(200);
    const document = (await (await fetch(`${gateway.url}/v1/openapi.json`)).json()) as {
      openapi: string;
      components: { schemas: Record<string, { properties: { type: { const: string }; data: unknown } }> };
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(['/v1/events', '/health']);
    const byType = Object.fromEntries(Object.values(document.components.schemas).filter((s) => s.properties?.type).map((s) => [s.properties.type.const, s.properties.data]));
    expect(Object.keys(byType).sort()).toEqual([...wireTypes].sort());
    const { $schema: _s, ...answered } = z.toJSONSchema(EVENT_DATA['referral.answered'], { io: 'input' }) as Record<string, unknown>;
    expect(byType['referral.answered']).toEqual(answered);
    expect(byType['referral.answered']).toMatchObject({ additionalProperties: false, required: expect.arrayContaining(['caseRef', 'at', 'answer']) });
  });
});
