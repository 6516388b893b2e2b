/** What opens a programme: the workflow input, validated by the client before start and by the workflow itself. */
import { z } from 'zod';

/** Pseudonymous case reference, e.g. `CMM-2026-0042`: letters, a year, a serial number; never a name. */
export const CaseRef = z
  .string()
  .regex(/^[A-Z]{2,6}-\d{4}-\d{3,6}$/, 'expected a case reference such as CMM-2026-0042');

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as RO');

export const StaffId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'expected a staff id (lower-case letters, digits, . _ -)');

export const ProgrammeInput = z.strictObject({
  caseRef: CaseRef,
  homeCountry: CountryCode,
  caseworkerId: StaffId,
  /** How long the reflection period lasts, in milliseconds (30 days by default). */
  reflectionPeriodMs: z.number().int().positive().default(30 * 24 * 3600 * 1000),
});
export type ProgrammeInput = z.input<typeof ProgrammeInput>;

export const WORKFLOW_TYPE = 'returnProgramme';
export const TASK_QUEUE = 'prepared-return';

/** One programme per case: the workflow ID is derived from the pseudonymous case reference only. */
export function programmeWorkflowId(caseRef: string): string {
  return `return-programme-${caseRef}`;
}
