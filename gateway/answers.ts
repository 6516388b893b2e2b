/**
 * Every answer the gateway gives, in one place: the status, a stable code a partner's system can
 * branch on, and a sentence for its developers. No answer repeats a submitted value (it may be
 * personal data) and none depends on whether a case exists, unless the caller may know.
 */
import type { FieldProblem } from '../domain/validation.js';

export interface Answer {
  status: number;
  body: { error: string; message: string; problems?: FieldProblem[] } | { status: 'accepted'; eventId: string };
  headers?: Record<string, string>;
}

export const answers = {
  accepted: (eventId: string): Answer => ({ status: 202, body: { status: 'accepted', eventId } }),
  invalid: (problems: FieldProblem[]): Answer => ({
    status: 400,
    body: { error: 'invalid-event', message: 'The event is not valid; see problems.', problems },
  }),
  notJson: (): Answer => ({ status: 400, body: { error: 'invalid-event', message: 'The body is not JSON (UTF-8).' } }),
  unauthenticated: (why: 'headers' | 'timestamp' | 'signature'): Answer => ({
    status: 401,
    body: {
      error: 'unauthenticated',
      message: {
        headers: 'Missing or malformed x-partner-id, webhook-id, webhook-timestamp or webhook-signature header.',
        timestamp: 'webhook-timestamp is more than 300 seconds away from the gateway clock.',
        signature: 'The signature does not verify.',
      }[why],
    },
  }),
  typeNotAllowed: (type: string): Answer => ({ status: 403, body: { error: 'event-not-allowed', message: `Your organisation may not send ${type} events.` } }),
  notFound: (): Answer => ({ status: 404, body: { error: 'not-found', message: 'No programme with this case reference is open to you.' } }),
  notFoundRoute: (): Answer => ({ status: 404, body: { error: 'not-found', message: 'No such endpoint.' } }),
  idReused: (): Answer => ({
    status: 409,
    body: { error: 'webhook-id-reused', message: 'This webhook-id was already delivered with a different body; use a new id for a new event.' },
  }),
  closed: (): Answer => ({ status: 410, body: { error: 'programme-closed', message: 'The programme is closed; it takes no more events.' } }),
  tooLarge: (limit: number): Answer => ({ status: 413, body: { error: 'payload-too-large', message: `The body is larger than ${limit} bytes.` } }),
  timedOut: (): Answer => ({ status: 408, body: { error: 'request-timeout', message: 'The request did not arrive in time; send it again, whole.' } }),
  unsupportedMedia: (): Answer => ({ status: 415, body: { error: 'unsupported-media-type', message: 'Send the event as application/json.' } }),
  rateLimited: (retryAfterSeconds: number): Answer => ({
    status: 429,
    body: { error: 'rate-limited', message: 'Too many events; retry after the number of seconds in Retry-After.' },
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  unavailable: (retryAfterSeconds: number): Answer => ({
    status: 503,
    body: { error: 'temporarily-unavailable', message: 'The event was not recorded; retry the same request later.' },
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  clientError: (status: number): Answer => ({ status, body: { error: 'bad-request', message: 'The request cannot be read.' } }),
  internal: (): Answer => ({ status: 500, body: { error: 'internal', message: 'The event was not recorded; retry later.' } }),
};
