/**
 * Redelivery and reuse of webhook ids.
 *
 * A partner's system retries an event with the same `webhook-id` and the same body until it gets a
 * 2xx. The programme's `eventId` is the webhook id plus a digest of the sender and the exact body
 * (domain/eventIds.ts), so:
 *   - a redelivery (same id, same body) carries the same `eventId` and the programme records it once,
 *     whichever gateway replica took each attempt;
 *   - the same id with a different body carries a different `eventId`: the programme never drops it
 *     silently as a repeat, and the timeline shows the two under one webhook id.
 * Each replica also remembers the bodies it delivered recently and answers 409 when an id it has
 * delivered comes back with another body, so the partner hears about the mistake at once.
 */
import { createHash } from 'node:crypto';

/** 128 bits of SHA-256, base64url: 22 characters from the `eventId` alphabet. */
export function bodyDigest(clientId: string, body: Buffer): string {
  return createHash('sha256').update(`${clientId}\n`, 'utf8').update(body).digest('base64url').slice(0, 22);
}

/** A bounded memory of (client, webhook id) → body digest, oldest forgotten first. */
export class DeliveryLedger {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  /** True when this client already delivered this webhook id with another body. */
  conflicts(clientId: string, webhookId: string, digest: string): boolean {
    const known = this.entries.get(`${clientId}\n${webhookId}`);
    return known !== undefined && known !== digest;
  }

  remember(clientId: string, webhookId: string, digest: string): void {
    const key = `${clientId}\n${webhookId}`;
    this.entries.delete(key);
    this.entries.set(key, digest);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
