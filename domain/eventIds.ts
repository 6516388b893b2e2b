/**
 * The ids of outside events. A caseworker's client chooses its own (`--event-id`, default
 * `cw-<uuid>`); the gateway makes `<webhook-id>:<digest>` from the partner's `webhook-id` and a digest
 * of the client and the exact body (gateway/deliveries.ts), so a redelivery carries the same id and
 * the same webhook-id with another body does not.
 *
 * A webhook-id is the sender's own name for its event, so it means something only next to who sent
 * it: two senders may happen to choose the same one, and the programme compares the webhook-ids of
 * one sender only.
 */

/** The `eventId` the gateway gives an event it delivers. */
export function gatewayEventId(webhookId: string, digest: string): string {
  return `${webhookId}:${digest}`;
}

/** Whether an id carries a digest after the sender's webhook-id (the gateway's, or a caseworker's in that form). */
export function carriesDigest(eventId: string): boolean {
  return eventId.includes(':');
}

/** The sender's webhook-id: the part before the digest (the whole id when there is none). */
export function webhookIdOf(eventId: string): string {
  return eventId.split(':')[0] ?? eventId;
}
