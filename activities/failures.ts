/**
 * How a delivery failed, as the programme sees it: the `type` of the ApplicationFailure an activity
 * throws. Non-retryable types end the activity at once so the programme can escalate or move on;
 * retryable ones are retried by Temporal under the workflow's retry policy.
 *
 * Failure messages end up in workflow history, so they name codes and status numbers only: never a
 * recipient's reply text, a response body or anything about the person.
 */
import { ApplicationFailure } from '@temporalio/common';

export const FailureType = {
  /** The mail server refused the message for good (SMTP 5xx). Non-retryable. */
  MailRejected: 'MailRejected',
  /** The mail server could not be reached, timed out or deferred the message (SMTP 4xx). Retryable. */
  MailUnavailable: 'MailUnavailable',
  /** Our SMTP credentials were refused: an operator must fix the configuration; retried until then. */
  MailAuthFailed: 'MailAuthFailed',
  /** The partner's API refused the request (HTTP 4xx other than 408 and 429). Non-retryable. */
  PartnerRejected: 'PartnerRejected',
  /** The partner's API answered with a redirect; we never follow one. Non-retryable. */
  PartnerRedirected: 'PartnerRedirected',
  /** The partner's API accepted the request but its answer was not what the API promises. Non-retryable. */
  PartnerResponseInvalid: 'PartnerResponseInvalid',
  /** HTTP 5xx, 408, 429, a timeout or a broken connection. Retryable (Retry-After is honoured). */
  PartnerUnavailable: 'PartnerUnavailable',
  /** The partner id is not in the partner directory. Non-retryable. */
  UnknownPartner: 'UnknownPartner',
  /** The activity input does not match the contract in domain/notifications.ts. Non-retryable. */
  InvalidInput: 'InvalidInput',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

export function permanentFailure(type: FailureType, message: string, details?: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, details: details ? [details] : [] });
}

export function transientFailure(
  type: FailureType,
  message: string,
  details?: Record<string, unknown>,
  nextRetryDelayMs?: number,
): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: false,
    details: details ? [details] : [],
    ...(nextRetryDelayMs !== undefined ? { nextRetryDelay: nextRetryDelayMs } : {}),
  });
}
