/**
 * Caseworker commands (updates): the caller gets the result at once, or the reason it was refused.
 * The schemas check the shape; the programme checks the rules that depend on its state.
 */
import { z } from 'zod';
import { PartnerId, TravelSummary } from './notifications.js';
import { ConsentRecord, ConsentScope, IsoDateTime, StaffId } from './programme.js';

const by = { by: StaffId };

/** Extend the reflection period to a new deadline (at most 120 days in total, asked before day 30). */
export const ExtendReflection = z.strictObject({ ...by, until: IsoDateTime });

export const NeedCode = z.enum(
  ['housing', 'medical', 'psychological', 'legal', 'education', 'employment', 'childcare', 'family-tracing', 'protection', 'cash-support'],
  { error: 'expected a need such as housing, medical, psychological, legal, protection' },
);

/** The risk and needs assessment; every recording is a new version. */
export const RecordAssessment = z.strictObject({
  ...by,
  riskLevel: z.enum(['low', 'medium', 'high'], { error: 'expected low, medium or high' }),
  needs: z.array(NeedCode).min(1, 'expected at least one need').max(10),
});

/** The reintegration plan; refined within a month of arrival, every recording a new version. */
export const RecordPlan = z.strictObject({
  ...by,
  elements: z.array(NeedCode).min(1, 'expected at least one plan element').max(10),
  supportMonths: z.number().int().min(1).max(12).default(6),
});

export const RecordConsent = z.strictObject({ scope: ConsentScope, consent: ConsentRecord });

export const AssignPartner = z.strictObject({ ...by, partnerId: PartnerId });

export const PlanTravel = z.strictObject({ ...by, ...TravelSummary.shape });

export const Cancel = z.strictObject({
  ...by,
  reason: z.enum(['duplicate-case', 'transferred', 'opened-in-error', 'other'], {
    error: 'expected duplicate-case, transferred, opened-in-error or other',
  }),
});

export type ExtendReflection = z.input<typeof ExtendReflection>;
export type RecordAssessment = z.input<typeof RecordAssessment>;
export type RecordPlan = z.input<typeof RecordPlan>;
export type RecordConsent = z.input<typeof RecordConsent>;
export type AssignPartner = z.input<typeof AssignPartner>;
export type PlanTravel = z.input<typeof PlanTravel>;
export type Cancel = z.input<typeof Cancel>;
