/**
 * What opens a programme: the workflow input, validated by the client before the start and by the
 * workflow itself. The workflow ID and the search attributes come from pseudonymous fields only.
 */
import { z } from 'zod';
import { Policy } from './policy.js';

/** Pseudonymous case reference, e.g. `CMM-2026-0042`: letters, a year, a serial number; never a name. */
export const CaseRef = z
  .string({ error: 'expected a case reference such as CMM-2026-0042' })
  .regex(/^[A-Z]{2,6}-\d{4}-\d{3,6}$/, 'expected a case reference such as CMM-2026-0042');

export const CountryCode = z
  .string({ error: 'expected an ISO 3166-1 alpha-2 country code such as RO' })
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as RO');

export const StaffId = z
  .string({ error: 'expected a staff id such as cw-anna' })
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'expected a staff id (lower-case letters, digits, . _ -), e.g. cw-anna');

export const IsoDateTime = z.iso.datetime({ offset: true, error: 'expected an ISO date-time, e.g. 2027-01-15T09:30:00Z' });

/** Where a consent was given or withdrawn: who recorded it and how she expressed it. */
export const ConsentRecord = z.strictObject({
  at: IsoDateTime,
  source: z.enum(['in-person', 'interpreter', 'written', 'legal-representative'], {
    error: 'expected in-person, interpreter, written or legal-representative',
  }),
  recordedBy: StaffId,
});
export type ConsentRecord = z.output<typeof ConsentRecord>;

export const ConsentScope = z.enum(['participation', 'sharing', 'follow-up'], {
  error: 'expected participation, sharing or follow-up',
});
export type ConsentScope = z.output<typeof ConsentScope>;

export const AsylumStatus = z.enum(['none', 'pending-dis', 'pending-fln', 'rejected-final', 'granted'], {
  error: 'expected none, pending-dis, pending-fln, rejected-final or granted',
});
export type AsylumStatus = z.output<typeof AsylumStatus>;

/**
 * Who she is, for the people who receive her: the only personal data a programme carries. Optional,
 * encrypted with the rest of the input, and never copied into the workflow ID, search attributes,
 * memos, mail, partner messages or logs (the canary test checks all of them).
 */
export const Person = z.strictObject({
  fullName: z.string().min(1, 'expected her name').max(200, 'expected at most 200 characters'),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date, e.g. 1994-03-07').optional(),
  phone: z.string().regex(/^\+?[0-9 ()-]{5,30}$/, 'expected a phone number, e.g. +40 712 345 678').optional(),
  spokenLanguages: z.array(z.string().min(2).max(40)).max(10).optional(),
});
export type Person = z.output<typeof Person>;

export const Sex = z.enum(['female', 'male', 'other'], { error: 'expected female, male or other' });
export type Sex = z.output<typeof Sex>;

export const AgeBand = z.enum(['under-18', '18-24', '25-34', '35-49', '50-plus'], { error: 'expected under-18, 18-24, 25-34, 35-49 or 50-plus' });
export type AgeBand = z.output<typeof AgeBand>;

/**
 * Who she is, for what she needs: sex, age band and whether she is a child, each optional (a child
 * whose age is uncertain is presumed one: Council of Europe Convention Art. 10(3)). Codes only;
 * encrypted with the rest of the input. Sex and age band reach the evaluation ledger, nothing else.
 */
export const Profile = z
  .strictObject({
    sex: Sex.optional(),
    ageBand: AgeBand.optional(),
    /** A child, or presumed one: a guardian and a best-interests assessment come before any referral. */
    child: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .superRefine((profile, ctx) => {
    if (profile.child === true && profile.ageBand !== undefined && profile.ageBand !== 'under-18') {
      ctx.addIssue({ code: 'custom', path: ['child'], message: `expected false for age band ${profile.ageBand}, or age band under-18` });
    }
    if (profile.child === false && profile.ageBand === 'under-18') {
      ctx.addIssue({ code: 'custom', path: ['child'], message: 'expected true for age band under-18' });
    }
  });
export type Profile = z.output<typeof Profile>;

/** A child's case: said so, or known from the age band. */
export function isChild(profile: Profile | undefined | null): boolean {
  return profile?.child ?? profile?.ageBand === 'under-18';
}

export const ProgrammeInput = z.strictObject({
  caseRef: CaseRef,
  /** Where she returns: her home country, or a third country where she holds residence. */
  homeCountry: CountryCode,
  returnToThirdCountry: z.boolean().default(false),
  caseworkerId: StaffId,
  /** The decision that she is a victim of trafficking: the reflection period counts from it. */
  victimAssessment: z.strictObject({ decidedBy: StaffId, decidedAt: IsoDateTime }),
  /** Consents recorded before the programme opened; more can be recorded later (`recordConsent`). */
  consent: z
    .strictObject({
      participation: ConsentRecord,
      sharing: ConsentRecord.optional(),
      followUp: ConsentRecord.optional(),
    }),
  /** Asylum status at opening: `pending-dis` when she has already applied. */
  asylum: z.enum(['none', 'pending-dis', 'pending-fln'], { error: 'expected none, pending-dis or pending-fln' }).default('none'),
  /** Language of the caseworker's notifications. */
  language: z.enum(['en', 'da'], { error: 'expected en or da' }).default('da'),
  policy: Policy.default(Policy.parse({})),
  person: Person.optional(),
  profile: Profile.optional(),
});
export type ProgrammeInput = z.input<typeof ProgrammeInput>;
export type Programme = z.output<typeof ProgrammeInput>;

export const WORKFLOW_TYPE = 'returnProgramme';
export const TASK_QUEUE = 'prepared-return';

/** One programme per case: the workflow ID is derived from the pseudonymous case reference only. */
export function programmeWorkflowId(caseRef: string): string {
  return `return-programme-${caseRef}`;
}
