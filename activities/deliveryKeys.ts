/**
 * Stable identities for one delivery. Temporal retries an activity with the same workflow, run and
 * activity IDs, so keys derived from them are the same on every attempt: the partner's API can
 * deduplicate on `Idempotency-Key` and `webhook-id`, and a mail client recognises a retried
 * notification by its `Message-ID`.
 *
 * The run ID is part of the key because activity IDs restart at 1 in every run: after a reset or a
 * continue-as-new, activity "3" is a different message and must not be dropped as a duplicate.
 * The result is a hash, so it reveals nothing, not even the case reference.
 */
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';

export interface DeliveryIdentity {
  workflowId: string;
  runId: string;
  activityId: string;
}

export function currentDeliveryIdentity(): DeliveryIdentity {
  const info = Context.current().info;
  // Programme activities always run inside a workflow; a standalone activity is keyed by its own run.
  const execution = info.workflowExecution ?? { workflowId: 'standalone', runId: info.activityRunId ?? '' };
  return { workflowId: execution.workflowId, runId: execution.runId, activityId: info.activityId };
}

/** 32 hex characters, the same for every attempt of one activity. */
export function deliveryKey(identity: DeliveryIdentity): string {
  return createHash('sha256')
    .update(`prepared-return\n${identity.workflowId}\n${identity.runId}\n${identity.activityId}`)
    .digest('hex')
    .slice(0, 32);
}

/** `Idempotency-Key` header of a partner API request. */
export function idempotencyKey(identity: DeliveryIdentity): string {
  return deliveryKey(identity);
}

/** `webhook-id` of a partner API request (Standard Webhooks: unique per message, the same on retries). */
export function webhookId(identity: DeliveryIdentity): string {
  return `msg_${deliveryKey(identity)}`;
}

/** RFC 5322 Message-ID in the sender's domain. */
export function messageId(identity: DeliveryIdentity, domain: string): string {
  return `<${deliveryKey(identity)}@${domain}>`;
}
