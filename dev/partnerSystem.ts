/**
 * A partner organisation's own system (or the Return Agency's) sending events to the partner gateway
 * the way docs/partner-guide.md asks: one `webhook-id` per event, the same body on every retry with a
 * fresh timestamp and signature, retried on 429, 5xx, timeouts and refused connections until the
 * gateway gives a final answer. The simulated partners of the local stack, the benchmark and the
 * reliability suite all send through it. It counts the attempts that failed, so a scenario can show
 * that the gateway really was away.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { gatewayEventId } from '../domain/eventIds.js';
import { bodyDigest } from '../gateway/deliveries.js';
import { signedEventHeaders } from '../gateway/signedEvent.js';

export interface Delivery {
  webhookId: string;
  /** The gateway's final answer. */
  status: number;
  /** The programme's event id: `<webhook-id>:<digest of sender and body>`. */
  eventId: string;
  attempts: number;
}

export interface DeliveryOptions {
  /** The event's own id; a redelivery of an event passes the id it was first sent with. */
  webhookId?: string;
  /** How long the system keeps trying before it gives up (an error). */
  deadlineMs?: number;
  /** Aborted when the system shuts down: it stops trying (an error). */
  signal?: AbortSignal;
}

export class PartnerSystem {
  /** Attempts that ended without an answer (connection refused or reset, timeout), with 429 or with 5xx. */
  failedAttempts = 0;

  constructor(
    readonly clientId: string,
    /** The secret the gateway knows this client by. */
    private readonly secret: string,
    private readonly gatewayUrl: () => string,
  ) {}

  eventIdOf(webhookId: string, body: string): string {
    return gatewayEventId(webhookId, bodyDigest(this.clientId, Buffer.from(body, 'utf8')));
  }

  /** Sends the event `{ type, data }`, dated now unless `data.at` says otherwise; fails unless the gateway takes it (202). */
  async send(type: string, data: Record<string, unknown>, options: DeliveryOptions = {}): Promise<Delivery> {
    const delivery = await this.deliver(JSON.stringify({ type, data: { at: new Date().toISOString(), ...data } }), options);
    if (delivery.status !== 202) throw new Error(`the gateway answered ${delivery.status} to ${type} for ${String(data.caseRef)}`);
    return delivery;
  }

  /** Delivers one event until the gateway gives a final answer (2xx, or a 4xx other than 429). */
  async deliver(body: string, { webhookId = `evt_${randomUUID().replace(/-/g, '')}`, deadlineMs = 120_000, signal }: DeliveryOptions = {}): Promise<Delivery> {
    const started = Date.now();
    let backoff = 200;
    for (let attempts = 1; ; attempts++) {
      const status = await this.attempt(webhookId, body, signal);
      if (status !== undefined && status < 500 && status !== 429) return { webhookId, status, eventId: this.eventIdOf(webhookId, body), attempts };
      this.failedAttempts += 1;
      const late = Date.now() - started > deadlineMs;
      if (late || signal?.aborted) throw new Error(`${this.clientId}: event ${webhookId} not delivered ${late ? `within ${deadlineMs} ms` : 'before the system stopped'} (${attempts} attempts)`);
      await pause(backoff, undefined, signal ? { signal } : {}).catch(() => undefined);
      backoff = Math.min(backoff * 2, 2000);
    }
  }

  private async attempt(webhookId: string, body: string, signal: AbortSignal | undefined): Promise<number | undefined> {
    try {
      const response = await fetch(`${this.gatewayUrl().replace(/\/+$/, '')}/v1/events`, {
        method: 'POST',
        redirect: 'manual',
        headers: signedEventHeaders({ clientId: this.clientId, webhookId, at: new Date(), body, secret: this.secret }),
        body,
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return undefined;
    }
  }
}
