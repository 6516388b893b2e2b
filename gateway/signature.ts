/**
 * Standard Webhooks verification (https://www.standardwebhooks.com): the signed content is
 * `{webhook-id}.{webhook-timestamp}.{raw body}`, HMAC-SHA256 keyed with the bytes behind `whsec_…`,
 * sent as `webhook-signature: v1,<base64> [v1,<base64> …]` (several during a key rotation).
 *
 * Every way a request can fail here ends in the same kind of answer (the caller turns it into a 401),
 * and an unknown client costs the same HMAC work as a known one, so neither the answer nor its timing
 * tells a caller which client ids exist.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Seconds a timestamp may be off, either way: the specification's recommendation. */
export const TOLERANCE_SECONDS = 300;

/**
 * A webhook id becomes part of the programme's `eventId` (letters, digits and `_ . : -`, at most 128
 * characters); ids are restricted so the gateway can append a body digest after a `:`.
 */
const WEBHOOK_ID = /^[A-Za-z0-9_.-]{1,100}$/;
const TIMESTAMP = /^[0-9]{1,12}$/;
const CLIENT_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const SIGNATURE_ENTRY = /^v1,([A-Za-z0-9+/]{43}=)$/;
/** More signatures than any rotation needs only costs work: a header with more is refused. */
const MAX_SIGNATURES = 8;
const MAX_SIGNATURE_HEADER = 1024;

export const CLIENT_HEADER = 'x-partner-id';

export type Refusal = 'malformed-headers' | 'timestamp-out-of-tolerance' | 'signature-mismatch';

export type Verification =
  | { ok: true; clientId: string; webhookId: string; timestamp: number }
  | { ok: false; refusal: Refusal };

/** Looks up a client's keys (the decoded secrets), several while a secret is being rotated. */
export type KeyLookup = (clientId: string) => readonly Buffer[] | undefined;

export function signContent(key: Buffer, webhookId: string, timestamp: string, body: Buffer): string {
  return createHmac('sha256', key).update(`${webhookId}.${timestamp}.`, 'utf8').update(body).digest('base64');
}

export class WebhookVerifier {
  /** Stands in for an unknown client's key, so that case does the same work as a known one. */
  private readonly decoy = [randomBytes(32)];

  constructor(private readonly keys: KeyLookup) {}

  verify(headers: IncomingHttpHeaders, body: Buffer, nowSeconds = Math.floor(Date.now() / 1000)): Verification {
    const clientId = single(headers[CLIENT_HEADER]);
    const webhookId = single(headers['webhook-id']);
    const timestamp = single(headers['webhook-timestamp']);
    const signatureHeader = single(headers['webhook-signature']);
    if (
      clientId === undefined || !CLIENT_ID.test(clientId) ||
      webhookId === undefined || !WEBHOOK_ID.test(webhookId) ||
      timestamp === undefined || !TIMESTAMP.test(timestamp) ||
      signatureHeader === undefined || signatureHeader.length > MAX_SIGNATURE_HEADER
    ) {
      return { ok: false, refusal: 'malformed-headers' };
    }
    const given = signatureHeader.split(' ');
    if (given.length > MAX_SIGNATURES) return { ok: false, refusal: 'malformed-headers' };
    // Other schemes (v1a, asymmetric) may appear beside v1 and are skipped, as the specification says.
    const candidates = given.map((entry) => SIGNATURE_ENTRY.exec(entry)?.[1]).filter((s): s is string => s !== undefined);
    if (candidates.length === 0) return { ok: false, refusal: 'malformed-headers' };

    const sentAt = Number(timestamp);
    if (Math.abs(nowSeconds - sentAt) > TOLERANCE_SECONDS) return { ok: false, refusal: 'timestamp-out-of-tolerance' };

    const known = this.keys(clientId);
    let matched = false;
    for (const key of known ?? this.decoy) {
      const expected = Buffer.from(signContent(key, webhookId, timestamp, body), 'utf8');
      for (const candidate of candidates) {
        // Both are 44 base64 characters (checked above), so the comparison never throws.
        if (timingSafeEqual(expected, Buffer.from(candidate, 'utf8'))) matched = true;
      }
    }
    if (!matched || known === undefined) return { ok: false, refusal: 'signature-mismatch' };
    return { ok: true, clientId, webhookId, timestamp: sentAt };
  }
}

/** A header sent twice arrives as a list (or joined with commas): either way it is not one value. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
