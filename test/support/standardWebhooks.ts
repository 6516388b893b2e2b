/**
 * An independent Standard Webhooks verifier, written from the specification with node:crypto only,
 * so the tests do not check our signatures with the library that made them.
 *
 * Signed content: `{webhook-id}.{webhook-timestamp}.{raw body}`; HMAC-SHA256 keyed with the base64
 * part of `whsec_…`; header `webhook-signature: v1,<base64> [v1,<base64> …]`; tolerance 300 s.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
}

export type Verdict = 'valid' | 'bad-signature' | 'stale' | 'missing-headers';

export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Verdict {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return 'missing-headers';
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return 'stale';
  const expected = Buffer.from(expectedSignature(secret, id, timestamp, body));
  const matches = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? 'valid' : 'bad-signature';
}
