/**
 * Standard Webhooks verification on its own: the specification's test vector, key rotation, and
 * every malformed header refused as such (never thrown).
 */
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { decodeSecret } from '../../gateway/clients.js';
import { WebhookVerifier } from '../../gateway/signature.js';
import { newSecret } from '../support/gateway.js';

const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const specVerifier = (keys = [decodeSecret(SPEC.secret)]) => new WebhookVerifier((id) => (id === 'spec-client' ? keys : undefined));
const specHeaders = (overrides: Record<string, string | string[] | undefined> = {}) => ({
  'x-partner-id': 'spec-client',
  'webhook-id': SPEC.id,
  'webhook-timestamp': String(SPEC.timestamp),
  'webhook-signature': SPEC.signature,
  ...overrides,
});

describe('the Standard Webhooks specification test vector', () => {
  it('verifies', () => {
    expect(specVerifier().verify(specHeaders(), Buffer.from(SPEC.body), SPEC.timestamp)).toEqual({
      ok: true,
      clientId: 'spec-client',
      webhookId: SPEC.id,
      timestamp: SPEC.timestamp,
    });
  });

  it('does not verify with one byte of the body changed, or for another client', () => {
    expect(specVerifier().verify(specHeaders(), Buffer.from(SPEC.body.replace('2432', '2433')), SPEC.timestamp)).toEqual({ ok: false, refusal: 'signature-mismatch' });
    expect(specVerifier().verify(specHeaders({ 'x-partner-id': 'other-client' }), Buffer.from(SPEC.body), SPEC.timestamp)).toEqual({
      ok: false,
      refusal: 'signature-mismatch',
    });
  });

  it('accepts ±300 s and refuses 301 s either way', () => {
    const verifier = specVerifier();
    for (const offset of [-300, 300]) expect(verifier.verify(specHeaders(), Buffer.from(SPEC.body), SPEC.timestamp + offset).ok).toBe(true);
    for (const offset of [-301, 301]) {
      expect(verifier.verify(specHeaders(), Buffer.from(SPEC.body), SPEC.timestamp + offset)).toEqual({ ok: false, refusal: 'timestamp-out-of-tolerance' });
    }
  });
});

describe('key rotation', () => {
  it('accepts any one matching signature among several, and a secret among the client’s two', () => {
    const old = newSecret();
    const next = newSecret();
    const body = '{"type":"handover.confirmed"}';
    const at = new Date();
    const signedWith = (secret: string) => new Webhook(secret).sign('msg_1', at, body);
    const headers = (signature: string) => ({ 'x-partner-id': 'spec-client', 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature });

    const receiverWithOld = specVerifier([decodeSecret(old)]);
    expect(receiverWithOld.verify(headers(`${signedWith(next)} ${signedWith(old)}`), Buffer.from(body)).ok).toBe(true);
    expect(receiverWithOld.verify(headers(`v1a,abc ${signedWith(old)}`), Buffer.from(body)).ok).toBe(true);
    expect(receiverWithOld.verify(headers(signedWith(next)), Buffer.from(body)).ok).toBe(false);

    const receiverWithBoth = specVerifier([decodeSecret(old), decodeSecret(next)]);
    expect(receiverWithBoth.verify(headers(signedWith(next)), Buffer.from(body)).ok).toBe(true);
    expect(receiverWithBoth.verify(headers(signedWith(old)), Buffer.from(body)).ok).toBe(true);
  });
});

describe('malformed headers', () => {
  const cases: Array<[string, Record<string, string | string[] | undefined>]> = [
    ['no client id', { 'x-partner-id': undefined }],
    ['no webhook-id', { 'webhook-id': undefined }],
    ['no timestamp', { 'webhook-timestamp': undefined }],
    ['no signature', { 'webhook-signature': undefined }],
    ['client id twice', { 'x-partner-id': ['spec-client', 'spec-client'] }],
    ['client id with upper case', { 'x-partner-id': 'Spec-Client' }],
    ['webhook-id with a space', { 'webhook-id': 'msg 1' }],
    ['webhook-id with a colon', { 'webhook-id': 'msg:1' }],
    ['webhook-id too long', { 'webhook-id': 'm'.repeat(101) }],
    ['timestamp in milliseconds with a dot', { 'webhook-timestamp': '1614265330.0' }],
    ['negative timestamp', { 'webhook-timestamp': '-1614265330' }],
    ['timestamp of 13 digits', { 'webhook-timestamp': '1614265330000' }],
    ['empty signature', { 'webhook-signature': '' }],
    ['signature without version', { 'webhook-signature': 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }],
    ['signature of another version only', { 'webhook-signature': 'v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }],
    ['short signature', { 'webhook-signature': 'v1,g0hM9SsE' }],
    ['signature with a comma list', { 'webhook-signature': 'v1,a,b' }],
    ['nine signatures', { 'webhook-signature': Array(9).fill(SPEC.signature).join(' ') }],
    ['a huge signature header', { 'webhook-signature': `${SPEC.signature} ${'x'.repeat(2000)}` }],
  ];
  it.each(cases)('%s is refused as malformed', (_what, overrides) => {
    const headers = Object.fromEntries(Object.entries(specHeaders(overrides)).filter(([, v]) => v !== undefined));
    expect(specVerifier().verify(headers, Buffer.from(SPEC.body), SPEC.timestamp)).toEqual({ ok: false, refusal: 'malformed-headers' });
  });
});
