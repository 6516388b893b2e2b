/**
 * A partner's (or the Return Agency's) own system sending events to the gateway the way
 * docs/partner-guide.md asks: one `webhook-id` per event, the same body on every retry with a fresh
 * timestamp and signature, retried on 429, 503, 5xx, timeouts and refused connections until a final
 * answer. It counts the attempts that failed, so a scenario can show the gateway really was away.
 */
import { randomUUID } from 'node:crypto';
import { signedEventHeaders } from '../../../gateway/signedEvent.js';
import { gatewayEventId } from '../../../domain/eventIds.js';
import { bodyDigest } from '../../../gateway/deliveries.js';
import { sleep } from '../../../dev/childProcess.js';

export interface Delivery {
  webhookId: string;
  status: number;
  /** The programme's event id: `<webhook-id>:<digest of sender and body>`. */
  eventId: string;
  attempts: number;
}

export class PartnerSystem {
  /** Attempts that ended without an answer (connection refused or reset, timeout) or with 5xx. */
  failedAttempts = 0;

  constructor(
    readonly clientId: string,
    private readonly secret: string,
    private readonly gatewayUrl: () => string,
  ) {}

  /** The body as sent: `{ type, data }`. */
  static body(type: string, data: Record<string, unknown>): string {
    return JSON.stringify({ type, data });
  }

  eventIdOf(webhookId: string, body: string): string {
    return gatewayEventId(webhookId, bodyDigest(this.clientId, Buffer.from(body, 'utf8')));
  }

  /** Delivers one event until the gateway gives a final answer (2xx or a 4xx other than 429). */
  async deliver(body: string, { webhookId = `msg_${randomUUID().replace(/-/g, '')}`, deadlineMs = 120_000 } = {}): Promise<Delivery> {
    const started = Date.now();
    let attempts = 0;
    let backoff = 200;
    for (;;) {
      attempts += 1;
      const status = await this.attempt(webhookId, body);
      if (status !== undefined && status < 500 && status !== 429) return { webhookId, status, eventId: this.eventIdOf(webhookId, body), attempts };
      this.failedAttempts += 1;
      if (Date.now() - started > deadlineMs) throw new Error(`${this.clientId}: event ${webhookId} not delivered within ${deadlineMs} ms (${attempts} attempts)`);
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 2000);
    }
  }

  private async attempt(webhookId: string, body: string): Promise<number | undefined> {
    const now = new Date();
    try {
      const response = await fetch(`${this.gatewayUrl()}/v1/events`, {
        method: 'POST',
        headers: signedEventHeaders({ clientId: this.clientId, webhookId, at: now, body, secret: this.secret }),
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return undefined;
    }
  }
}
