/** Payloads of outside events (signals). Every event carries an `eventId`; a repeat is recorded once. */
import { z } from 'zod';

export const EventId = z
  .string()
  .min(1, 'expected an event id')
  .max(128, 'expected at most 128 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'expected letters, digits and _ . : - only');

export const DepartureConfirmed = z.strictObject({
  eventId: EventId,
  departedAt: z.iso.datetime({ offset: true, error: 'expected an ISO date-time, e.g. 2027-01-15T09:30:00Z' }),
  confirmedBy: z.enum(['return-agency', 'caseworker'], { error: 'expected return-agency or caseworker' }),
});
export type DepartureConfirmed = z.output<typeof DepartureConfirmed>;
