/**
 * The caseworker commands that staff mail tells its reader to run. One place writes them, so the
 * mail and the client cannot drift apart: a test runs every command these functions print.
 */

/** `prepared-return status CMM-2026-0042`: the programme as the caseworker client shows it. */
export function statusCommand(caseRef: string): string {
  return `prepared-return status ${caseRef}`;
}

/** `prepared-return assign-partner CMM-2026-0042 --partner <partner code>`: a partner chosen by hand. */
export function assignPartnerCommand(caseRef: string): string {
  return `prepared-return assign-partner ${caseRef} --partner ${PARTNER_PLACEHOLDER}`;
}

/** `prepared-return confirm-event CMM-2026-0042 --seq 7`: an event that waits for the caseworker, confirmed. */
export function confirmEventCommand(caseRef: string, seq: string): string {
  return `prepared-return confirm-event ${caseRef} --seq ${seq}`;
}

/** `prepared-return extend-reflection CMM-2026-0042 --until 2027-02-10T09:00:00Z`: more time, asked before the first deadline. */
export function extendReflectionCommand(caseRef: string, until: string): string {
  return `prepared-return extend-reflection ${caseRef} --until ${until}`;
}

/** What the reader puts in place of the partner they chose. */
export const PARTNER_PLACEHOLDER = '<partner code>';
