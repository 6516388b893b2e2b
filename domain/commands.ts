/**
 * The catalogue of caseworker commands (updates): the caller gets the result at once, or the reason
 * it was refused. Each command is declared here once: its payload, its result and what it does; the
 * update definitions, the programme's handlers and the client's checks are derived from `COMMANDS`.
 * The schemas check the shape; the programme checks the rules that depend on its state.
 */
import { z } from 'zod';
import { PartnerId, TravelSummary } from './notifications.js';
import type { Outcome } from './outcomes.js';
import { ConsentRecord, ConsentScope, IsoDateTime, StaffId } from './programme.js';

const by = { by: StaffId };

/**
 * A supervisor's command carries her role beside her id, as an outside event carries its sender's:
 * the desk sets both from the sign-in, and the programme checks the role again (defence in depth).
 */
const bySupervisor = (what: string) => ({
  by: StaffId,
  role: z.literal('supervisor', { error: `expected supervisor: only a supervisor ${what}` }),
});
const onEscalations = bySupervisor('acknowledges or resolves an escalation');

/** An escalation by its number in the programme's list (`status` shows it). */
const EscalationNumber = z.number({ error: 'expected an escalation number' }).int().min(1, 'expected an escalation number');

/** A concern by its number in the programme's list (`status` shows it). */
const ConcernNumber = z.number({ error: 'expected a concern number' }).int().min(1, 'expected a concern number');

/** What someone will do, or did, about an escalation or a concern: codes, never words about her. */
export const ResponseAction = z.enum(
  ['contact-her', 'contact-partner', 'safety-plan', 'shelter', 'inform-police', 'legal-aid', 'medical-care', 'assign-partner', 'review-case', 'other'],
  { error: 'expected contact-her, contact-partner, safety-plan, shelter, inform-police, legal-aid, medical-care, assign-partner, review-case or other' },
);
export type ResponseAction = z.output<typeof ResponseAction>;

/** How an escalation or a concern ended. */
export const Resolution = z.enum(['she-is-safe', 'risk-reduced', 'unfounded', 'handed-to-authority', 'no-longer-relevant', 'other'], {
  error: 'expected she-is-safe, risk-reduced, unfounded, handed-to-authority, no-longer-relevant or other',
});
export type Resolution = z.output<typeof Resolution>;

export const NeedCode = z.enum(
  ['housing', 'medical', 'psychological', 'legal', 'education', 'employment', 'childcare', 'family-tracing', 'protection', 'cash-support'],
  { error: 'expected a need such as housing, medical, psychological, legal, protection' },
);

/** One caseworker command, as the catalogue declares it; `R` is what the programme answers. */
export interface CommandDeclaration<R = unknown> {
  readonly description: string;
  readonly schema: z.ZodType;
  /** Carries the result's type only (the programme builds the value). */
  readonly result: Answer<R>;
}

/** A result type in the catalogue: no value at run time, only what the caller gets back. */
export interface Answer<R> {
  readonly answer?: R;
}
const answers = <R>(): Answer<R> => ({});

export const COMMANDS = {
  extendReflection: {
    description: 'Extend the reflection period (asked before the first deadline; at most 120 days in total).',
    schema: z.strictObject({ ...by, until: IsoDateTime }),
    result: answers<{ deadline: string }>(),
  },
  recordAssessment: {
    description: 'Record the risk and needs assessment (a new version each time).',
    schema: z.strictObject({
      ...by,
      riskLevel: z.enum(['low', 'medium', 'high'], { error: 'expected low, medium or high' }),
      needs: z.array(NeedCode).min(1, 'expected at least one need').max(10),
    }),
    result: answers<{ version: number }>(),
  },
  recordConsent: {
    description: 'Record a consent she gave: participation, sharing with partners, or follow-up.',
    schema: z.strictObject({ scope: ConsentScope, consent: ConsentRecord }),
    result: answers<{ scope: string; at: string }>(),
  },
  recordPlan: {
    description: 'Record the reintegration plan (a new version each time; refined within a month of arrival).',
    schema: z.strictObject({
      ...by,
      elements: z.array(NeedCode).min(1, 'expected at least one plan element').max(10),
      supportMonths: z.number().int().min(1).max(12).default(6),
    }),
    result: answers<{ version: number }>(),
  },
  recordGuardian: {
    description: "Record that a guardian was appointed for a child (needed, with a best-interests assessment, before any referral).",
    schema: z.strictObject({
      ...by,
      appointedAt: IsoDateTime,
      /** Who appointed the guardian: an authority's kind, never a person's name. */
      appointedBy: z.enum(['family-court-agency', 'municipality', 'court', 'other'], { error: 'expected family-court-agency, municipality, court or other' }),
    }),
    result: answers<{ appointedAt: string }>(),
  },
  recordBestInterests: {
    description: "Record a child's best-interests assessment: a referral goes out only when it found the return in the child's best interests.",
    schema: z.strictObject({
      ...by,
      assessedAt: IsoDateTime,
      conclusion: z.enum(['return-in-best-interests', 'return-against-best-interests'], {
        error: 'expected return-in-best-interests or return-against-best-interests',
      }),
    }),
    result: answers<{ conclusion: string; referralMayStart: boolean }>(),
  },
  assignPartner: {
    description: 'Assign a partner by hand when no partner for the country is left; the referral resumes with it.',
    schema: z.strictObject({ ...by, partnerId: PartnerId }),
    result: answers<{ partnerId: string }>(),
  },
  planTravel: {
    description: 'Plan the travel: after a partner accepted and before the departure deadline.',
    schema: z.strictObject({ ...by, ...TravelSummary.shape }),
    result: answers<{ date: string; departureDeadline: string | null }>(),
  },
  confirmEvent: {
    description: 'Confirm or reject an outside event that would end or skip a phase (a departure without a travel plan, a missing report).',
    schema: z.strictObject({
      ...by,
      seq: z.number({ error: 'expected a timeline entry number' }).int().min(1, 'expected a timeline entry number'),
      decision: z.enum(['confirm', 'reject'], { error: 'expected confirm or reject' }),
    }),
    result: answers<{ seq: number; state: 'confirmed' | 'rejected' }>(),
  },
  correctEvent: {
    description: 'Correct a recorded event that was a mistake: it stays in the timeline as corrected and no longer counts.',
    schema: z.strictObject({
      ...by,
      seq: z.number({ error: 'expected a timeline entry number' }).int().min(1, 'expected a timeline entry number'),
      reason: z.enum(['wrong-case', 'wrong-date', 'did-not-happen', 'duplicate', 'other'], {
        error: 'expected wrong-case, wrong-date, did-not-happen, duplicate or other',
      }),
    }),
    result: answers<{ seq: number; kind: string }>(),
  },
  reassignProgramme: {
    description: 'A supervisor gives the programme to another caseworker: her caseload, her reminders and her mail from now on.',
    schema: z.strictObject({
      ...bySupervisor('reassigns a programme'),
      caseworkerId: StaffId,
    }),
    result: answers<{ caseworkerId: string; previous: string }>(),
  },
  acknowledgeEscalation: {
    description: 'A supervisor takes an escalation on and says what will be done; an urgent one stops reminding.',
    schema: z.strictObject({ ...onEscalations, escalationId: EscalationNumber, action: ResponseAction }),
    result: answers<{ escalationId: number; acknowledgedAt: string }>(),
  },
  resolveEscalation: {
    description: 'A supervisor resolves an escalation; the programme shows as escalated while any other is open.',
    schema: z.strictObject({ ...onEscalations, escalationId: EscalationNumber, resolution: Resolution }),
    result: answers<{ escalationId: number; resolvedAt: string; escalated: boolean }>(),
  },
  recordConcernAction: {
    description: 'Record what was done about a concern (each action is kept); an urgent alert about it stops reminding.',
    schema: z.strictObject({ ...by, concern: ConcernNumber, action: ResponseAction }),
    result: answers<{ concern: number; actions: number }>(),
  },
  resolveConcern: {
    description: 'Resolve a concern, with how it ended; the escalation it raised is resolved with it.',
    schema: z.strictObject({ ...by, concern: ConcernNumber, resolution: Resolution }),
    result: answers<{ concern: number; resolvedAt: string }>(),
  },
  cancel: {
    description: 'Close the programme by hand, with a reason.',
    schema: z.strictObject({
      ...by,
      reason: z.enum(['duplicate-case', 'transferred', 'opened-in-error', 'other'], {
        error: 'expected duplicate-case, transferred, opened-in-error or other',
      }),
    }),
    result: answers<{ outcome: Extract<Outcome, 'cancelled'> }>(),
  },
} as const satisfies Record<string, CommandDeclaration>;

export type CommandName = keyof typeof COMMANDS;
/** A command as the programme reads it, after its schema has checked it. */
export type ParsedCommand<N extends CommandName> = z.output<(typeof COMMANDS)[N]['schema']>;
export type CommandResult<N extends CommandName> = NonNullable<(typeof COMMANDS)[N]['result']['answer']>;
