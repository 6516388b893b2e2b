/**
 * The JSON API's errors: a stable `error` code a program can branch on, a message a person can
 * read, and for refused input the problems by field. Codes are never renamed; new ones may be added.
 */
export const API_ERRORS = {
  unauthenticated: { status: 401, description: 'No access token, or one that is expired, for another audience, from another issuer, tampered with, or without a usable role claim.' },
  'not-in-role': { status: 403, description: 'The action is not part of your role.' },
  'not-found': { status: 404, description: 'No such programme or resource. A programme outside your reach answers exactly like one that does not exist.' },
  'unknown-command': { status: 404, description: 'No command or event of that name.' },
  invalid: { status: 422, description: 'The request has problems; each names its field and what was expected. Nothing was changed.' },
  refused: { status: 409, description: 'The programme (or the erasure rules) refused; the reason, with the field when it names one.' },
  'bad-request': { status: 400, description: 'The body could not be read as JSON.' },
  'unsupported-media-type': { status: 415, description: 'The body is not application/json.' },
  'too-large': { status: 413, description: 'The body is too large.' },
  'provider-unreachable': { status: 503, description: 'The identity provider cannot be reached to check the token; retry shortly.' },
  internal: { status: 500, description: 'Something went wrong on the server; the message carries a reference for its log.' },
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;

export function apiError(code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { error: code, message, ...extra };
}
