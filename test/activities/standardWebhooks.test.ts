import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { expectedSignature, verifyWebhook } from '../support/standardWebhooks.js';

describe('the independent Standard Webhooks verifier', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = '1614265330';
  const body = '{"test": 2432232314}';

  it('reproduces the specification test vector', () => {
    expect(`v1,${expectedSignature(secret, id, timestamp, body)}`).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
    expect(verifyWebhook(secret, headers, body, Number(timestamp))).toBe('valid');
  });

  it('refuses a changed body, a wrong secret, a stale timestamp and missing headers', () => {
    const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
    expect(verifyWebhook(secret, headers, '{"test": 2432232315}', Number(timestamp))).toBe('bad-signature');
    expect(verifyWebhook('whsec_' + Buffer.alloc(24, 1).toString('base64'), headers, body, Number(timestamp))).toBe('bad-signature');
    expect(verifyWebhook(secret, headers, body, Number(timestamp) + 301)).toBe('stale');
    expect(verifyWebhook(secret, { 'webhook-id': id }, body)).toBe('missing-headers');
  });

  it('accepts a header with several signatures when one matches', () => {
    const sig = expectedSignature(secret, id, timestamp, body);
    const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,AAAA v1a,${sig} v1,${sig}` };
    expect(verifyWebhook(secret, headers, body, Number(timestamp))).toBe('valid');
  });

  it('agrees with the standardwebhooks package our client signs with', () => {
    const now = new Date();
    const signature = new Webhook(secret).sign(id, now, body);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature };
    expect(verifyWebhook(secret, headers, body)).toBe('valid');
  });
});
