/**
 * contactPartner against the partner simulator on loopback, its answers scripted: every answer a
 * partner API can give ends as the design says, and every attempt of one message carries the same
 * Idempotency-Key.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FailureType } from '../../activities/failures.js';
import { messageBody, messagesUrl } from '../../activities/partnerApi.js';
import { attempt, failureOf, newDelivery, type Delivery } from '../support/activityContext.js';
import { EVERY_MESSAGE_TYPE, referralRequest, everyPartnerMessage } from '../support/messages.js';
import { PartnerSimulator } from '../../dev/partnerSimulator.js';
import { TEST_PARTNERS, useTestPeers } from '../support/peers.js';
import { verifyWebhook } from '../support/standardWebhooks.js';

const peers = useTestPeers({ partnerTimeoutMs: 400, maxResponseBytes: 4096 });
let delivery: Delivery;
const json = { 'content-type': 'application/json' };

beforeEach(() => {
  peers.partner.requests.length = 0;
  delivery = newDelivery();
});

const send = (n: number, message = referralRequest(TEST_PARTNERS.api)) => attempt(delivery, n, peers.activities.contactPartner, message);

function expectOneKeyAcross(count: number): void {
  const requests = peers.partner.requests;
  expect(requests).toHaveLength(count);
  const keys = new Set(requests.map((r) => r.headers['idempotency-key']));
  const ids = new Set(requests.map((r) => r.headers['webhook-id']));
  const bodies = new Set(requests.map((r) => r.body));
  expect(keys.size).toBe(1);
  expect(ids.size).toBe(1);
  expect(bodies.size).toBe(1);
  expect([...keys][0]).toMatch(/^[0-9a-f]{32}$/);
}

describe('contactPartner through the partner API', () => {
  it('200: delivered, signed so an independent verifier accepts it, with the partner reference', async () => {
    peers.partner.answer({ status: 200, headers: json, body: JSON.stringify({ reference: 'P-123' }) });
    const result = await send(1);
    expect(result).toEqual({ channel: 'api', reference: 'P-123' });
    const [request] = peers.partner.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/partners/tst-api-partner/v1/messages');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(verifyWebhook(peers.secret, request!.headers, request!.body)).toBe('valid');
    expect(verifyWebhook(peers.secret, request!.headers, request!.body.replace('high', 'low'))).toBe('bad-signature');
    const body = JSON.parse(request!.body) as { type: string; data: Record<string, unknown> };
    expect(body.type).toBe('referral.requested');
    expect(body.data).toMatchObject({ partnerId: TEST_PARTNERS.api, caseRef: 'TST-2026-0042', respondBy: '2027-01-20T12:00:00Z' });
    expect(body.data).not.toHaveProperty('kind');
  });

  it('500 then 200: the first attempt is retryable, both carry the same Idempotency-Key and body', async () => {
    peers.partner.answer({ status: 500, body: 'Internal error for TST-2026-0042 <secret stack>' }, { status: 201, headers: json, body: '{"reference":"P-9"}' });
    const failure = await failureOf(send(1));
    expect(failure.type).toBe(FailureType.PartnerUnavailable);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toContain('HTTP 500');
    expect(failure.message).not.toContain('secret stack'); // response bodies are never echoed
    expect(await send(2)).toEqual({ channel: 'api', reference: 'P-9' });
    expectOneKeyAcross(2);
  });

  it('503 with Retry-After: retryable, and the next retry waits as long as the partner asked', async () => {
    peers.partner.answer({ status: 503, headers: { 'retry-after': '42' } }, { status: 503, headers: { 'retry-after': '999999' } });
    const failure = await failureOf(send(1));
    expect(failure.type).toBe(FailureType.PartnerUnavailable);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.nextRetryDelay).toBe(42_000);
    const capped = await failureOf(send(2));
    expect(capped.nextRetryDelay).toBe(15 * 60_000); // a partner cannot park a programme for days
    expectOneKeyAcross(2);
  });

  it('hang: the attempt times out on its own as a retryable failure', async () => {
    peers.partner.answer({ hang: true }, { hang: true });
    const started = Date.now();
    const failure = await failureOf(send(1));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(failure.type).toBe(FailureType.PartnerUnavailable);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toContain('did not answer in time');
    await failureOf(send(2));
    expectOneKeyAcross(2);
  });

  it('connection reset: retryable', async () => {
    peers.partner.answer({ reset: true }, { reset: true });
    const failure = await failureOf(send(1));
    expect(failure.type).toBe(FailureType.PartnerUnavailable);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toContain('could not be reached');
    await failureOf(send(2));
    expectOneKeyAcross(2);
  });

  it('308 to another host: not followed, non-retryable, and the other host receives nothing', async () => {
    const elsewhere = new PartnerSimulator({ partners: [{ id: TEST_PARTNERS.api, secret: peers.secret }] });
    await elsewhere.start();
    try {
      peers.partner.answer({ status: 308, headers: { location: messagesUrl(elsewhere.baseUrl(TEST_PARTNERS.api)) } });
      const failure = await failureOf(send(1));
      expect(failure.type).toBe(FailureType.PartnerRedirected);
      expect(failure.nonRetryable).toBe(true);
      expect(peers.partner.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.stop();
    }
  });

  it('invalid JSON in a 200: non-retryable, without echoing the answer', async () => {
    peers.partner.answer({ status: 200, headers: json, body: '<html>TST-2026-0042 Maria</html>' });
    const failure = await failureOf(send(1));
    expect(failure.type).toBe(FailureType.PartnerResponseInvalid);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).not.toContain('Maria');
  });

  it('valid JSON without a reference: non-retryable', async () => {
    peers.partner.answer({ status: 200, headers: json, body: '{"ok":true}' });
    const failure = await failureOf(send(1));
    expect(failure.type).toBe(FailureType.PartnerResponseInvalid);
  });

  it('oversized body (declared or streamed): refused without reading it all', async () => {
    peers.partner.answer({ status: 200, headers: json, body: JSON.stringify({ reference: 'P-1', padding: 'x'.repeat(10_000) }) });
    const declared = await failureOf(send(1));
    expect(declared.type).toBe(FailureType.PartnerResponseInvalid);
    expect(declared.message).toContain('larger than 4096 bytes');
    peers.partner.answer({ streamBytes: 5 * 1024 * 1024 });
    const streamed = await failureOf(send(2));
    expect(streamed.type).toBe(FailureType.PartnerResponseInvalid);
    expect(streamed.message).toContain('larger than 4096 bytes');
  });

  it('422: non-retryable, the programme escalates', async () => {
    peers.partner.answer({ status: 422, headers: json, body: '{"error":"unknown case TST-2026-0042"}' });
    const failure = await failureOf(send(1));
    expect(failure.type).toBe(FailureType.PartnerRejected);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toBe('Partner tst-api-partner refused the message (HTTP 422)');
  });

  it('429 is a request to slow down, not a refusal: retryable', async () => {
    peers.partner.answer({ status: 429, headers: { 'retry-after': '3' } });
    const failure = await failureOf(send(1));
    expect(failure.nonRetryable).toBe(false);
    expect(failure.nextRetryDelay).toBe(3000);
  });

  it('a different activity of the same programme carries a different key', async () => {
    await send(1);
    await attempt({ ...delivery, activityId: '8' }, 1, peers.activities.contactPartner, referralRequest(TEST_PARTNERS.api));
    await attempt({ ...delivery, runId: '11111111-1111-4111-8111-111111111111' }, 1, peers.activities.contactPartner, referralRequest(TEST_PARTNERS.api));
    expect(new Set(peers.partner.requests.map((r) => r.headers['idempotency-key'])).size).toBe(3);
  });

  it('sends every message kind with its wire type, each byte-identical to messageBody()', async () => {
    const messages = everyPartnerMessage(TEST_PARTNERS.second);
    for (const [index, message] of messages.entries()) {
      await attempt({ ...delivery, activityId: String(index + 1) }, 1, peers.activities.contactPartner, message);
    }
    expect(peers.partner.requests.map((r) => r.url)).toEqual(messages.map(() => '/partners/tst-second-partner/v1/messages'));
    expect(peers.partner.requests.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual(EVERY_MESSAGE_TYPE);
    expect(peers.partner.requests.map((r) => r.body)).toEqual(messages.map(messageBody));
  });
});

describe('contactPartner refuses what breaks the contract', () => {
  it('an unknown partner is a non-retryable failure and nothing is sent', async () => {
    const failure = await failureOf(send(1, referralRequest('nobody-here')));
    expect(failure.type).toBe(FailureType.UnknownPartner);
    expect(failure.nonRetryable).toBe(true);
    expect(peers.partner.requests).toHaveLength(0);
  });

  it('a message with a field outside the schema (e.g. a name) is refused and nothing is sent', async () => {
    const withName = { ...referralRequest(TEST_PARTNERS.api), name: 'Maria Canary' } as unknown as ReturnType<typeof referralRequest>;
    const failure = await failureOf(send(1, withName));
    expect(failure.type).toBe(FailureType.InvalidInput);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).not.toContain('Maria');
    expect(peers.partner.requests).toHaveLength(0);
  });
});
