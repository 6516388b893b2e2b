/**
 * The partner API client: one signed HTTP request per message to a partner organisation.
 *
 *   POST {baseUrl}/v1/messages
 *   Content-Type: application/json
 *   Idempotency-Key, webhook-id        the same on every retry of one message (deliveryKeys.ts)
 *   webhook-timestamp, webhook-signature   Standard Webhooks, signed with the partner's secret
 *   body: { "type": "referral.requested", "data": { …the message without its kind… } }
 *
 * The body holds no timestamp, so every retry sends exactly the same bytes and a partner that checks
 * a reused Idempotency-Key against the body sees a true repeat.
 *
 * A partner answers 2xx with `{ "reference": "…" }` (its own reference for the message) or 204.
 * Redirects are never followed: a referral goes exactly where the directory says, or nowhere.
 */
import { Context } from '@temporalio/activity';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import type { PartnerMessage } from '../domain/notifications.js';
import type { DeliveryIdentity } from './deliveryKeys.js';
import { idempotencyKey, webhookId } from './deliveryKeys.js';
import { FailureType, permanentFailure, transientFailure } from './failures.js';

export interface PartnerApiSettings {
  /** The whole exchange (connect, send, read the answer) must finish within this. */
  timeoutMs: number;
  /** A partner's answer is a small JSON object; anything larger is refused unread. */
  maxResponseBytes: number;
  /** Upper bound for a partner's Retry-After, so a wrong header cannot park a programme for days. */
  maxRetryAfterMs?: number;
  userAgent?: string;
}

/** The `type` of each message on the wire. */
export const MESSAGE_TYPES = {
  'referral-request': 'referral.requested',
  'referral-reminder': 'referral.reminder',
  'arrival-notice': 'arrival.notice',
  'follow-up-request': 'follow-up.requested',
  'follow-up-reminder': 'follow-up.reminder',
  'return-cancelled': 'return.cancelled',
} as const satisfies Record<PartnerMessage['kind'], string>;

export const PartnerReceipt = z.object({
  reference: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'expected a reference of letters, digits and . _ : -'),
});

export interface PartnerEndpoint {
  partnerId: string;
  baseUrl: string;
  /** `whsec_…` */
  secret: string;
}

export interface PartnerApiClient {
  send(endpoint: PartnerEndpoint, message: PartnerMessage, identity: DeliveryIdentity): Promise<{ reference: string }>;
}

/** The wire body of a message: deterministic, so retries are byte-identical. */
export function messageBody(message: PartnerMessage): string {
  const { kind, ...data } = message;
  return JSON.stringify({ type: MESSAGE_TYPES[kind], data });
}

export function messagesUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/messages`;
}

export function createPartnerApiClient(settings: PartnerApiSettings, now: () => Date = () => new Date()): PartnerApiClient {
  const maxRetryAfterMs = settings.maxRetryAfterMs ?? 15 * 60_000;
  return {
    async send(endpoint, message, identity) {
      const body = messageBody(message);
      const id = webhookId(identity);
      const timestamp = now();
      const signature = new Webhook(endpoint.secret).sign(id, timestamp, body);
      const who = `partner ${endpoint.partnerId}`;
      const signal = AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), Context.current().cancellationSignal]);

      let response: Response;
      try {
        response = await fetch(messagesUrl(endpoint.baseUrl), {
          method: 'POST',
          redirect: 'manual',
          signal,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'user-agent': settings.userAgent ?? 'prepared-return',
            'idempotency-key': idempotencyKey(identity),
            'webhook-id': id,
            'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
            'webhook-signature': signature,
          },
          body,
        });
      } catch (err) {
        throw networkFailure(err, who);
      }

      const status = response.status;
      const details = { partnerId: endpoint.partnerId, httpStatus: status };
      if (status >= 200 && status < 300) {
        if (status === 204) return { reference: idempotencyKey(identity) };
        let raw: Buffer | 'too-large';
        try {
          raw = await readCapped(response, settings.maxResponseBytes);
        } catch (err) {
          throw networkFailure(err, who);
        }
        if (raw === 'too-large') {
          throw permanentFailure(FailureType.PartnerResponseInvalid, `The answer from ${who} is larger than ${settings.maxResponseBytes} bytes (HTTP ${status})`, details);
        }
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw permanentFailure(FailureType.PartnerResponseInvalid, `The answer from ${who} is not JSON (HTTP ${status})`, details);
        }
        const receipt = PartnerReceipt.safeParse(json);
        if (!receipt.success) {
          throw permanentFailure(FailureType.PartnerResponseInvalid, `The answer from ${who} has no valid reference (HTTP ${status})`, details);
        }
        return { reference: receipt.data.reference };
      }

      // Error answers are never read beyond what is needed to free the connection, and never echoed.
      await response.body?.cancel().catch(() => undefined);
      if (status >= 300 && status < 400) {
        throw permanentFailure(FailureType.PartnerRedirected, `${capitalise(who)} answered with a redirect (HTTP ${status}); redirects are not followed`, details);
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), timestamp, maxRetryAfterMs);
      if (status === 408 || status === 425 || status === 429 || status >= 500) {
        throw transientFailure(FailureType.PartnerUnavailable, `${capitalise(who)} is unavailable (HTTP ${status})`, details, retryAfterMs);
      }
      throw permanentFailure(FailureType.PartnerRejected, `${capitalise(who)} refused the message (HTTP ${status})`, details);
    },
  };
}

/** Reads at most `maxBytes` of the body; stops reading (and drops the connection) beyond that. */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer | 'too-large'> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    return declared > maxBytes ? 'too-large' : Buffer.alloc(0);
  }
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Retry-After in seconds or as an HTTP date, bounded to [1 s, max]. */
export function parseRetryAfter(header: string | null, now: Date, maxMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 1000), maxMs);
}

function networkFailure(err: unknown, who: string): Error {
  if (Context.current().cancellationSignal.aborted) return err instanceof Error ? err : new Error('cancelled');
  const e = err as { name?: string; cause?: { code?: unknown } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return transientFailure(FailureType.PartnerUnavailable, `${capitalise(who)} did not answer in time`, { timeout: true });
  }
  const code = typeof e?.cause?.code === 'string' && /^[A-Z_]+$/.test(e.cause.code) ? e.cause.code : 'network error';
  return transientFailure(FailureType.PartnerUnavailable, `${capitalise(who)} could not be reached (${code})`, { networkError: code });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
