/**
 * The headers a partner's system sends with an event: who it is, the event's id and the Standard
 * Webhooks signature over `{id}.{timestamp}.{body}` with its secret. Used by the local partner
 * simulator and by the tests that play partners, so they all sign exactly as the guide says.
 */
import { Webhook } from 'standardwebhooks';

export function signedEventHeaders(request: { clientId: string; webhookId: string; at: Date; body: string; secret: string }): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-partner-id': request.clientId,
    'webhook-id': request.webhookId,
    'webhook-timestamp': String(Math.floor(request.at.getTime() / 1000)),
    'webhook-signature': new Webhook(request.secret).sign(request.webhookId, request.at, request.body),
  };
}
